package org.membergateway.policy;

/** Why member data is asked for (README, List requests and exports). Which are allowed, to whom, is in policies/rules.yml. */
public enum Purpose {
    LOCAL_COMMUNICATION,
    CAMPAIGN_OUTREACH,
    LEADERSHIP_CONTACTS,
    /** Board and committee members' published role contacts, for every member statewide (confidentiality §6). */
    BOARD_CONTACTS,
    WORKSITE_LEADERS,
    VOTING_DATA,
    VENDOR_SERVICE,
    OFFICIAL_ELECTION_NOTICE,
    OFFICER_ELECTION,
    CANDIDATE_PROMOTION
}
