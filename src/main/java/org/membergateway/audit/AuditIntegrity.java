package org.membergateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditService.RecordedVerification;
import org.membergateway.audit.AuditStore.StoredCheckpoint;

/**
 * The trail's integrity as the auditors' pages show it: verify now (recorded, as every
 * verification is), the last verification anyone ran, the latest signed checkpoint and the key
 * that verifies it.
 *
 * <p>The last verification comes from the trail itself (its newest AUDIT_VERIFICATION entry), so
 * every instance shows the same one. The entry holds the outcome, the kind of problem and the
 * entries read, but not the first bad seq; this instance keeps the full result of the
 * verifications it ran lately, to show that too.
 */
public final class AuditIntegrity {

    private static final int KEPT = 32;

    /**
     * @param lastVerification the newest AUDIT_VERIFICATION entry, if any
     * @param details its full result, if this instance ran it
     * @param checkpoint the latest signed checkpoint, if any
     * @param entries entries committed so far
     */
    public record Status(Optional<AuditEntry> lastVerification, Optional<AuditVerification> details,
                         Optional<StoredCheckpoint> checkpoint, String verifierKey, long entries) {
    }

    private final AuditService audit;
    private final Jdbi jdbi;
    private final Map<Long, AuditVerification> recent = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, AuditVerification> eldest) {
            return size() > KEPT;
        }
    };

    public AuditIntegrity(AuditService audit, Jdbi jdbi) {
        this.audit = audit;
        this.jdbi = jdbi;
    }

    /** Verifies the whole trail now and records that {@code actor} did. */
    public RecordedVerification verify(String actor) {
        RecordedVerification verified = audit.verifyAndRecordEntry(actor);
        synchronized (recent) {
            recent.put(verified.entry().seq(), verified.result());
        }
        return verified;
    }

    public Status status() {
        Optional<AuditEntry> last = jdbi.withExtension(AuditReviewDao.class,
                dao -> dao.latest(AuditEventType.AUDIT_VERIFICATION.name()));
        Optional<AuditVerification> details;
        synchronized (recent) {
            details = last.map(entry -> recent.get(entry.seq()));
        }
        return new Status(last, details, audit.latestCheckpoint(), audit.verifierKey(), audit.size());
    }
}
