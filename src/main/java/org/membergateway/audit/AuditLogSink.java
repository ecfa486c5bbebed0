package org.membergateway.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed entries, as JSON lines, to the logger {@value #LOGGER}, which
 * {@code config/gateway.yml} sends to its own rotated file for operators to ship to their SIEM.
 * The database stays the source of truth; {@code audit-verify --log-file} cross-checks the two.
 */
public final class AuditLogSink {

    public static final String LOGGER = "org.membergateway.audit.trail";

    private final Logger log;
    private final EntryHasher hasher = new EntryHasher();

    public AuditLogSink() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    AuditLogSink(Logger log) {
        this.log = log;
    }

    /** Called by the single writer thread after each commit, in seq order. */
    public void emit(List<AuditEntry> entries) {
        if (!log.isInfoEnabled()) {
            return;
        }
        for (AuditEntry entry : entries) {
            log.info(hasher.jsonLine(entry));
        }
    }
}
