package org.membergateway.directory;

/** Where a role grant stands (V15 role_grants.status). Only ACTIVE grants confer anything, and only inside their term. */
public enum GrantStatus {
    ACTIVE,
    /** An authority role waiting for a second person (EXECUTIVE_DIRECTOR or STATEWIDE_PRESIDENT) to confirm it. */
    PENDING_CONFIRMATION,
    REJECTED,
    REVOKED
}
