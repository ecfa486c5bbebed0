package org.membergateway.policy;

/** What the engine decided, and the status clients see for it (README, List requests and exports). */
public enum Outcome {
    ALLOW("APPROVED"),
    REQUIRE_APPROVAL("PENDING_APPROVAL"),
    DENY("DENIED");

    private final String status;

    Outcome(String status) {
        this.status = status;
    }

    /** {@code APPROVED}, {@code PENDING_APPROVAL} or {@code DENIED}. */
    public String status() {
        return status;
    }
}
