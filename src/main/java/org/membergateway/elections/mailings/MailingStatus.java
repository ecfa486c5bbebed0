package org.membergateway.elections.mailings;

/** Where an election mailing stands (V25). */
public enum MailingStatus {
    /** Waiting for the election committee. */
    PENDING_APPROVAL,
    /** Approved; its vendor extract exists (it may itself wait for a large-list approval). */
    APPROVED,
    /** Refused by the election committee, with a note. */
    REJECTED,
    /** Its extract is built and encrypted to the vendor's pinned key, ready for the vendor to pull. */
    DELIVERED
}
