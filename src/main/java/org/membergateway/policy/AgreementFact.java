package org.membergateway.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * The vendor agreement a VENDOR_SERVICE request is made under (confidentiality §3-4).
 *
 * @param id the agreement's id
 * @param allowedFields the fields the agreement names
 * @param membershipStatusRequired whether the service needs membership-status fields (confidentiality §4)
 * @param validFrom first day it is in force
 * @param validUntil last day it is in force
 * @param active false once terminated or superseded
 * @param audiences whose rows the agreement's service may have (vendor-services.yml; a benefit
 *     carrier's are the benefit's holders, MEMBERS: confidentiality §3 "for those who hold the benefit")
 */
public record AgreementFact(long id, Set<String> allowedFields, boolean membershipStatusRequired,
                            LocalDate validFrom, LocalDate validUntil, boolean active, Set<Audience> audiences) {

    /** An agreement whose service may reach any audience the purpose does. */
    public AgreementFact(long id, Set<String> allowedFields, boolean membershipStatusRequired,
                         LocalDate validFrom, LocalDate validUntil, boolean active) {
        this(id, allowedFields, membershipStatusRequired, validFrom, validUntil, active, java.util.EnumSet.allOf(Audience.class));
    }

    public AgreementFact {
        allowedFields = Set.copyOf(allowedFields);
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean inForceOn(LocalDate day) {
        return active && !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }
}
