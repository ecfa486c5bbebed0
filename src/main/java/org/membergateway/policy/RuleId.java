package org.membergateway.policy;

/**
 * The stable ids of the reasons a decision gives ({@code reasons[].rule}, README, List requests and exports). Clients
 * and auditors key on these; add new ones, never rename.
 */
public enum RuleId {
    ACKNOWLEDGEMENT_REQUIRED,
    ELECTION_USE_BAN,
    OUT_OF_SCOPE,
    PURPOSE_NOT_PERMITTED,
    CAMPAIGN_INVALID,
    FIELDS_EXCEED_PURPOSE,
    APPROVAL_REQUIRED,
    AGREEMENT_INVALID,
    FIELD_NOT_IN_AGREEMENT,
    DEFAULT_DENY,
    /** The audience is not one the purpose, or the requester's grant, reaches. */
    AUDIENCE_NOT_PERMITTED,
    /** A declared candidate asks for data inside their own election's scope: never automatic. */
    CANDIDATE_IN_SCOPE,
    /** A statewide list, or one above the purpose's row cap, needs the executive director or designee. */
    LARGE_LIST_APPROVAL
}
