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
    CANDIDATE_PROMOTION;

    /**
     * Whether a person asks for it as a list of their own (the request form, {@code POST /list-requests}):
     * vendor extracts are prepared by staff for a vendor, and board contacts are shown on a page.
     */
    public boolean askedAsList() {
        return this != VENDOR_SERVICE && this != BOARD_CONTACTS;
    }
}
