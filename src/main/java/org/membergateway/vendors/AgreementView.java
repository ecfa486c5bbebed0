package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.policy.AgreementFact;

/**
 * A vendor agreement as stored (confidentiality §3-4): what the union signed, and whether it has
 * ended. The public key itself is left out (it is the vendor's, and long); its pinned fingerprint
 * says which key every extract under this agreement is encrypted to.
 *
 * @param inForce whether extracts can be made under it today (active and within its dates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgreementView(long id, long vendorId, String service, List<String> allowedFields, String purpose,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate validFrom,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate validUntil,
                            String openpgpFingerprint, String signedForUnionBy, boolean membershipStatusRequired,
                            String membershipStatusJustification, boolean active, Boolean inForce,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime endedAt,
                            String endedBy, Long supersededBy) {

    public AgreementView {
        allowedFields = List.copyOf(allowedFields);
    }

    /** The fact the policy engine decides a VENDOR_SERVICE request on. */
    public AgreementFact fact() {
        return new AgreementFact(id, java.util.Set.copyOf(allowedFields), membershipStatusRequired, validFrom, validUntil,
                active);
    }

    /** The fact, with the audiences the agreement's service may reach (its profile in vendor-services.yml). */
    public AgreementFact fact(java.util.Set<org.membergateway.policy.Audience> audiences) {
        return new AgreementFact(id, java.util.Set.copyOf(allowedFields), membershipStatusRequired, validFrom, validUntil,
                active, audiences);
    }

    /** This view with {@code inForce} as of {@code today}. */
    public AgreementView asOf(LocalDate today) {
        return new AgreementView(id, vendorId, service, allowedFields, purpose, validFrom, validUntil, openpgpFingerprint,
                signedForUnionBy, membershipStatusRequired, membershipStatusJustification, active,
                fact().inForceOn(today), createdAt, endedAt, endedBy, supersededBy);
    }
}
