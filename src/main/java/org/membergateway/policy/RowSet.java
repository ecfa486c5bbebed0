package org.membergateway.policy;

/** Which of the audience's rows a purpose reaches, beyond scope and audience. */
public enum RowSet {
    /** Everyone in the scope and audience. */
    ALL,
    /** Only the local's stewards and worksite leaders (confidentiality §6). */
    LOCAL_LEADERS,
    /** Only worksite leaders (AP&P IV §6). */
    WORKSITE_LEADERS,
    /**
     * One election's voting records (AP&P XVI §6(e)): the members in scope with a record for the
     * election the request names, joined to that record. Its purposes never carry contact fields.
     */
    VOTING_RECORDS,
    /**
     * Board and committee members (confidentiality §6): people of the directory holding an ACTIVE,
     * in-term DIRECTOR, COMMITTEE_CHAIR, STATEWIDE_PRESIDENT or STATEWIDE_OFFICER grant, with the
     * role contacts they chose to publish. Not rows of the member table: a member selection over it
     * selects nothing, and its purposes name only its own record fields.
     */
    BOARD_AND_COMMITTEE
}
