package org.membergateway.elections;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.members.ImportException;
import org.membergateway.members.ImportResult;

/**
 * Imports membership voting data (AP&P XVI §6(e)) from a voting-records CSV, all or nothing, and
 * records it in the audit trail as VOTING_RECORDS_IMPORT with counts only: STARTED before anything
 * is touched, then IMPORTED with the rows written, or REJECTED.
 */
public final class VotingRecordImporter {

    private static final String AUDIT_TARGET = "voting-records";
    private static final int BATCH = 1000;

    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final Clock clock;

    public VotingRecordImporter(Jdbi jdbi, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws ImportException naming line and column when the file is rejected; nothing was imported */
    public ImportResult importRecords(VotingRecordCsvReader records, String actor) {
        AuditEvent event = AuditEvent.of(AuditEventType.VOTING_RECORDS_IMPORT, actor, AUDIT_TARGET);
        audit.record(event.withDecision("STARTED"));
        ImportResult result;
        try {
            result = load(records);
        } catch (ImportException e) {
            audit.record(event.withDecision("REJECTED").withReasons(List.of("INVALID_CSV")));
            throw e;
        } catch (ConnectionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw withoutMemberData(e);
        }
        audit.record(event.withDecision("IMPORTED").withRows(result.inserted() + result.updated()));
        return result;
    }

    private ImportResult load(VotingRecordCsvReader records) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbi.inTransaction(h -> {
            VotingRecordDao dao = h.attach(VotingRecordDao.class);
            dao.createStaging();
            long rows = 0;
            List<VotingRecord> batch = new ArrayList<>(BATCH);
            while (records.hasNext()) {
                batch.add(records.next());
                rows++;
                if (batch.size() == BATCH) {
                    dao.stage(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                dao.stage(batch);
            }
            dao.firstUnknownMember().ifPresent(line -> {
                throw new ImportException(line, "member_id", "no member has this id; import the members first");
            });
            dao.firstRepeatedRecord().ifPresent(line -> {
                throw new ImportException(line, "member_id", "this member's record for this election is on an earlier line too");
            });
            VotingRecordDao.Merged merged = dao.merge(now);
            return new ImportResult(merged.inserted(), merged.updated(), rows - merged.inserted() - merged.updated());
        });
    }

    /** The database's messages can quote a refused row; only the SQL state goes on. */
    private static RuntimeException withoutMemberData(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return new IllegalStateException("the database refused the voting-records import (SQLSTATE "
                        + sql.getSQLState() + "); nothing was imported");
            }
        }
        return e;
    }
}
