package org.membergateway.members;

/** The {@code membership_status} column (README, Members CSV). */
public enum MembershipStatus {
    MEMBER,
    FAIR_SHARE,
    NON_MEMBER,
    RETIRED
}
