package org.membergateway.requests;

import org.membergateway.policy.Outcome;

/** Where a list request stands (README, List requests and exports); the names are the {@code status} clients see. */
public enum RequestStatus {
    /** Waiting for one of the approvers its decision named. */
    PENDING_APPROVAL,
    /** Allowed outright or approved: exportable until it expires. */
    APPROVED,
    /** An approver said no. */
    REJECTED,
    /** Nobody decided it in time. Stored once swept, and shown as soon as the time has passed. */
    EXPIRED;

    /** The status a request starts in: denied requests are never stored. */
    public static RequestStatus initial(Outcome outcome) {
        return switch (outcome) {
            case ALLOW -> APPROVED;
            case REQUIRE_APPROVAL -> PENDING_APPROVAL;
            case DENY -> throw new IllegalArgumentException("a denied request is not stored");
        };
    }
}
