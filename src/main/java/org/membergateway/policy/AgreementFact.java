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
 */
public record AgreementFact(long id, Set<String> allowedFields, boolean membershipStatusRequired,
                            LocalDate validFrom, LocalDate validUntil, boolean active) {
    public AgreementFact {
        allowedFields = Set.copyOf(allowedFields);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean inForceOn(LocalDate day) {
        return active && !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }
}
