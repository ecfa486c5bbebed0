package org.membergateway.audit;

import java.time.Instant;

/**
 * The auditor's search: every filter optional, entries after {@code afterSeq} in seq order,
 * at most {@code limit} of them. {@code from} is inclusive, {@code to} exclusive.
 */
public record AuditQuery(String actor, AuditEventType action, String decision, Instant from, Instant to,
                         long afterSeq, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must not be negative");
        }
    }
}
