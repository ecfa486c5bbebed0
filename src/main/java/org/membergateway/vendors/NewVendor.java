package org.membergateway.vendors;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /vendors} (README, Vendors): the vendor and its first agreement. */
@Schema(description = "A vendor and its first agreement")
public record NewVendor(
        @Schema(description = "The vendor's name, 1-200 characters", example = "Capitol Mailing Services") String name,
        @Schema(description = "MAIL_HOUSE, ADDRESS_VERIFICATION, VOTER_REGISTRATION_CHECK, BENEFITS_CARRIER, LEGAL_BENEFITS or ELECTION_LITERATURE")
        String service,
        @Schema(description = "Member fields (CSV columns), within the service's profile (policies/vendor-services.yml)")
        List<String> allowedFields,
        @Schema(description = "First day in force, ISO-8601", example = "2026-12-01") String validFrom,
        @Schema(description = "Last day in force, ISO-8601", example = "2027-11-30") String validUntil,
        @Schema(description = "The vendor's ASCII-armored OpenPGP public key; extracts are encrypted to it") String openpgpPublicKey,
        @Schema(description = "What the data is used for; defaults to the service's description") String purpose,
        @Schema(description = "Required exactly when allowedFields names membership_status (confidentiality §4)")
        String membershipStatusJustification) {

    NewAgreement agreement() {
        return new NewAgreement(service, allowedFields, validFrom, validUntil, openpgpPublicKey, purpose,
                membershipStatusJustification);
    }
}
