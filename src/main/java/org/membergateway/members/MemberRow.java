package org.membergateway.members;

import java.time.LocalDate;

/**
 * One member record with exactly the columns of the members CSV (README, Members CSV), in that order.
 * Optional text columns are {@code null} when empty.
 *
 * <p>Holds member PII, so {@link #toString()} never prints the values.
 */
public record MemberRow(
        String memberId,
        String firstName,
        String lastName,
        String localId,
        String region,
        String employerGroup,
        String employer,
        String worksite,
        String classification,
        MembershipStatus membershipStatus,
        boolean capeContributor,
        String homeStreet,
        String homeCity,
        String homeState,
        String homeZip,
        String homePhone,
        String mobilePhone,
        String homeEmail,
        String workEmail,
        LocalDate birthDate,
        String preferredLanguage,
        boolean worksiteLeader,
        boolean steward) {

    @Override
    public String toString() {
        return "MemberRow[REDACTED]";
    }
}
