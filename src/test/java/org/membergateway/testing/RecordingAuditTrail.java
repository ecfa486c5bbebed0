package org.membergateway.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditTrail;
import org.membergateway.audit.AuditUnavailableException;

/**
 * An audit trail for service tests: keeps what the service recorded, in order, and can be made to
 * refuse, as the real trail does when it cannot commit, to show the service then fails closed.
 * The real trail (hash chain, group commit, checkpoints) has its own integration tests.
 */
public final class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new ArrayList<>();
    private boolean unavailable;

    @Override
    public synchronized AuditEntry record(AuditEvent event) {
        if (unavailable) {
            throw new AuditUnavailableException("The audit trail is unavailable (test).");
        }
        events.add(event);
        return new AuditEntry(events.size(), Instant.now(), event.actor(), event.action(), event.target(), event.decision(),
                event.reasons(), event.policyVersion(), event.rows(), event.exportDigest(), null, null);
    }

    /** From now on every record call fails, like a trail whose database is gone. */
    public synchronized void refuse() {
        unavailable = true;
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
