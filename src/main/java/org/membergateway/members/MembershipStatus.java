package org.membergateway.members;

/** The {@code membership_status} column (CONTRACT §4). */
public enum MembershipStatus {
    MEMBER,
    FAIR_SHARE,
    NON_MEMBER,
    RETIRED
}
