package org.membergateway.policy;

/**
 * Where a campaign stands (policies/README.md, "Campaigns"). Only an ACTIVE campaign can carry a
 * request, and only between its first and last days.
 */
public enum CampaignStatus {
    /** Waiting for the appropriate officer or the executive director (confidentiality §8, §9). */
    PENDING_APPROVAL,
    /** Approved (or created by someone whose own campaigns need no approval). */
    ACTIVE,
    /** Refused by an approver; it never carries a request. */
    REJECTED,
    /** Ended early by its owner, an approver, an ADMIN or the executive director. */
    ENDED
}
