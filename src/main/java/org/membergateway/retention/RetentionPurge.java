package org.membergateway.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.exports.ExportShredder;

/**
 * The records purge (AP&P XVI §8; docs/operations-retention.md): disposes of every record whose
 * retention under {@link RetentionSchedule} has run.
 *
 * <p>A dry run and a purge run the same predicates with the same cutoffs, each in one transaction
 * holding a database-wide advisory lock, so no two purges (on any instances) overlap. The dry run's
 * transaction is READ ONLY and rolled back: the database itself guarantees it changes nothing (it
 * is not audited either; it discloses counts only). The purge disposes of what the predicates match
 * within its transaction and reports the rows it actually changed, so its report is exactly what
 * went; each record type with something disposed of is an audit entry (counts, never ids or member
 * data), and the audit tables are never touched. If the trail cannot record, the transaction rolls
 * back and nothing is disposed of.
 */
public final class RetentionPurge {

    /** The daily run: a purge at most once per this, across all instances (the last one is in retention_purges). */
    static final Duration DAILY = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final RetentionSchedule schedule;
    private final ExportShredder shredder;
    private final AuditTrail audit;
    private final Clock clock;

    public RetentionPurge(Jdbi jdbi, RetentionSchedule schedule, ExportShredder shredder, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.schedule = schedule;
        this.shredder = shredder;
        this.audit = audit;
        this.clock = clock;
    }

    public RetentionSchedule schedule() {
        return schedule;
    }

    /**
     * A dry run (counts, no writes) or a purge, on demand.
     *
     * @throws PurgeBusyException if another purge is running
     */
    public PurgeReport run(boolean dryRun, String actor) {
        return dryRun ? dryRun() : purge(actor, false).orElseThrow(PurgeBusyException::new);
    }

    /**
     * The daily run: purges unless a purge finished less than a day ago (on any instance) or one is
     * running now; called often (hourly) by every instance, so it happens once a day across them.
     *
     * @return the report when it purged
     */
    public Optional<PurgeReport> runIfDue() {
        return purge("system", true);
    }

    private PurgeReport dryRun() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION READ ONLY");
            RetentionDao dao = h.attach(RetentionDao.class);
            if (!dao.tryLock()) {
                throw new PurgeBusyException();
            }
            Map<String, Long> records = new LinkedHashMap<>();
            for (RecordType type : held()) {
                records.put(type.key(), count(dao, type, now));
            }
            return new PurgeReport(true, records, schedule.version());
        });
    }

    private Optional<PurgeReport> purge(String actor, boolean onlyIfDue) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbi.inTransaction(h -> {
            RetentionDao dao = h.attach(RetentionDao.class);
            if (!dao.tryLock()) {
                return Optional.<PurgeReport>empty();
            }
            if (onlyIfDue) {
                Optional<OffsetDateTime> last = dao.lastPurge();
                if (last.isPresent() && last.get().plus(DAILY).isAfter(now)) {
                    return Optional.<PurgeReport>empty();
                }
            }
            Map<String, Long> records = new LinkedHashMap<>();
            // Records before files: an export shredded in this run is never also deleted in it,
            // whatever export-records.keep says, so a dry run at the same time reports the same.
            for (RecordType type : held()) {
                if (type != RecordType.EXPORT_FILES) {
                    records.put(type.key(), dispose(h, dao, type, now));
                }
            }
            records.put(RecordType.EXPORT_FILES.key(), dispose(h, dao, RecordType.EXPORT_FILES, now));
            Map<String, Long> ordered = new LinkedHashMap<>();
            for (RecordType type : held()) {
                ordered.put(type.key(), records.get(type.key()));
            }
            for (Map.Entry<String, Long> disposed : ordered.entrySet()) {
                if (disposed.getValue() > 0) {
                    audit.record(AuditEvent.of(AuditEventType.RETENTION_PURGE, actor, "retention:" + disposed.getKey())
                            .withDecision("DISPOSED").withRows(disposed.getValue()).withPolicyVersion(schedule.version()));
                }
            }
            dao.recordPurge(now, actor, schedule.sha256(), json(ordered));
            return Optional.of(new PurgeReport(false, ordered, schedule.version()));
        });
    }

    private static List<RecordType> held() {
        return Arrays.stream(RecordType.values()).filter(t -> t.status() == RecordType.Status.HELD).toList();
    }

    private OffsetDateTime cutoff(RecordType type, OffsetDateTime now) {
        return now.minus(schedule.keep(type));
    }

    private long count(RetentionDao dao, RecordType type, OffsetDateTime now) {
        OffsetDateTime cutoff = cutoff(type, now);
        return switch (type) {
            case EXPORT_FILES -> dao.countExportFiles(cutoff);
            case EXPORT_RECORDS -> dao.countExportRecords(cutoff);
            case SEEDS -> dao.countSeeds(cutoff);
            case LIST_REQUEST_JUSTIFICATIONS -> dao.countJustifications(cutoff);
            case ACKNOWLEDGEMENTS -> dao.countAcknowledgements(cutoff);
            case VENDOR_ATTESTATIONS -> dao.countAttestations(cutoff);
            case WEB_SESSIONS -> dao.countSessions(cutoff);
            case LOGIN_THROTTLE -> dao.countThrottle(cutoff, now);
            case VOTING_DATA -> dao.countVotingRecords(cutoff);
            case ELECTION_MATERIAL -> dao.countElectionMaterial(cutoff);
            case MEMBERS_WHO_HAVE_LEFT -> 0;
        };
    }

    private long dispose(Handle h, RetentionDao dao, RecordType type, OffsetDateTime now) {
        OffsetDateTime cutoff = cutoff(type, now);
        return switch (type) {
            case EXPORT_FILES -> {
                long shredded = 0;
                for (RetentionDao.DueExport export : dao.dueExportFiles(cutoff)) {
                    if (shredder.destroyIn(h, export.id(), export.reason())) {
                        shredded++;
                    }
                }
                yield shredded;
            }
            case EXPORT_RECORDS -> {
                // Seeds reference their export: SEEDS runs first (RecordType order), and seeds.keep is
                // never longer than export-records.keep, so none are left here.
                List<Long> blobIds = dao.deleteExportRecords(cutoff);
                dao.deleteShreddedBlobs(blobIds.stream().mapToLong(Long::longValue).filter(id -> id > 0).toArray());
                yield blobIds.size();
            }
            case SEEDS -> dao.deleteSeeds(cutoff);
            case LIST_REQUEST_JUSTIFICATIONS -> {
                long[] ids = dao.lockDueJustifications(cutoff).stream().mapToLong(Long::longValue).toArray();
                dao.redactJustifications(ids);
                dao.redactApprovalNotes(ids);
                yield ids.length;
            }
            case ACKNOWLEDGEMENTS -> dao.deleteAcknowledgements(cutoff);
            case VENDOR_ATTESTATIONS -> dao.deleteAttestations(cutoff);
            case WEB_SESSIONS -> dao.deleteSessions(cutoff);
            case LOGIN_THROTTLE -> dao.deleteThrottle(cutoff, now);
            case VOTING_DATA -> dao.deleteVotingRecords(cutoff);
            case ELECTION_MATERIAL -> dao.deleteElectionMailings(cutoff) + dao.deleteElectionInspections(cutoff);
            case MEMBERS_WHO_HAVE_LEFT -> 0;
        };
    }

    private static String json(Map<String, Long> records) {
        try {
            return JSON.writeValueAsString(records);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the purge counts", e);
        }
    }
}
