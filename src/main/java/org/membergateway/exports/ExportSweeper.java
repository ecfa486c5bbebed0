package org.membergateway.exports;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;

/**
 * The expiry sweep: destroys every export past its expiry or download limit and marks builds that
 * stopped making progress (their process died) as failed. Run on a schedule by the application,
 * and once at start, so a build a crash interrupted does not stay BUILDING (and count as a use of
 * its approval) until the first scheduled sweep; a failed sweep changes nothing it did not finish
 * and is simply run again.
 *
 * <p>A build is stalled when its heartbeat ({@code progress_at}, which the builder writes as it goes)
 * is older than {@code exports.stalledAfter}: several instances share one database, so "started
 * before this instance" would fail another instance's build that is still running.
 */
public final class ExportSweeper {

    /** The reason a stalled build's entry carries: no member value, only why it failed. */
    static final String BUILD_STALLED = "EXPORT_BUILD_STALLED";

    private final Jdbi jdbi;
    private final ExportShredder shredder;
    private final AuditTrail audit;
    private final ExportsConfiguration config;
    private final Clock clock;

    public ExportSweeper(Jdbi jdbi, ExportShredder shredder, AuditTrail audit, ExportsConfiguration config, Clock clock) {
        this.jdbi = jdbi;
        this.shredder = shredder;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** @return how many exports were destroyed */
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        failStalled(now);
        List<ExportDao.Due> due = jdbi.withExtension(ExportDao.class, exports -> exports.due(now));
        for (ExportDao.Due export : due) {
            shredder.destroy(export.id(), export.reason());
        }
        return due.size();
    }

    /**
     * Marks stalled builds FAILED, each recorded in the trail in the same transaction: a failed
     * build released nothing and no longer counts as a use of its approval ({@link ExportDao#usedExports}).
     *
     * @return the builds marked
     */
    public List<UUID> failStalled(OffsetDateTime now) {
        return jdbi.inTransaction(h -> {
            List<UUID> failed = h.attach(ExportDao.class).failStalled(now.minus(config.getStalledAfter().toJavaDuration()));
            for (UUID id : failed) {
                audit.record(AuditEvent.of(AuditEventType.DECISION, "system", "export:" + id)
                        .withDecision("FAILED").withReasons(List.of(BUILD_STALLED)));
            }
            return failed;
        });
    }
}
