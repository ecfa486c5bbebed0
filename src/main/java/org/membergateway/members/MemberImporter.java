package org.membergateway.members;

import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads member rows into PostgreSQL all-or-nothing.
 *
 * <p>Rows stream through {@code COPY} into a temporary staging table (constant memory, no
 * per-row round trips); checks that need the whole file (duplicate ids, a local placed in two
 * regions) run there in SQL; then locals and members are written in the same transaction.
 * Any problem rolls everything back, so a bad file leaves the database exactly as it was.
 */
public final class MemberImporter {

    /** Called every {@link #PROGRESS_EVERY} rows and once at the end of staging. */
    public interface Progress {
        void rowsStaged(long rows, long elapsedNanos);

        Progress NONE = (rows, elapsedNanos) -> { };
    }

    static final long PROGRESS_EVERY = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(MemberImporter.class);
    /** Serializes imports: they are the only writers of members, which keeps update-then-insert safe. */
    private static final long IMPORT_LOCK = 0x6d656d6265727331L;
    private static final long BULK_MIN_ROWS = 50_000;
    private static final String AUDIT_TARGET = "members";

    private final Jdbi jdbi;
    private final AuditTrail audit;
    private final long bulkMinRows;

    public MemberImporter(Jdbi jdbi, AuditTrail audit) {
        this(jdbi, audit, BULK_MIN_ROWS);
    }

    /** {@code bulkMinRows}: the smallest import that may rebuild indexes instead of maintaining them. */
    MemberImporter(Jdbi jdbi, AuditTrail audit, long bulkMinRows) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.bulkMinRows = bulkMinRows;
    }

    /**
     * Imports the rows on behalf of {@code actor}, recorded in the audit trail as MEMBER_IMPORT:
     * STARTED before anything is touched (if that cannot be recorded, nothing is imported), then
     * IMPORTED with the rows written or REJECTED. Should the closing entry fail after the import
     * committed, the caller still gets {@link org.membergateway.audit.AuditUnavailableException};
     * the STARTED entry without its close tells an auditor to look.
     *
     * @throws ImportException when the file is rejected; nothing was imported
     */
    public ImportResult importRows(MemberSource rows, String actor, Progress progress) {
        AuditEvent event = AuditEvent.of(AuditEventType.MEMBER_IMPORT, actor, AUDIT_TARGET);
        audit.record(event.withDecision("STARTED"));
        ImportResult result;
        try {
            result = load(rows, progress);
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

    /**
     * PostgreSQL's messages quote what it refused ("Failing row contains (M1, José, …)", "COPY …,
     * column birth_date: …"), and the driver puts them in the exception's text, which would reach
     * the log with the member's values. Only the SQL state and the schema's own names go on; the
     * reader's checks are meant to catch every such row first, so this is a bug to look for.
     */
    static RuntimeException withoutMemberData(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                StringBuilder where = new StringBuilder("SQLSTATE ").append(sql.getSQLState());
                if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                    ServerErrorMessage server = psql.getServerErrorMessage();
                    append(where, "table", server.getTable());
                    append(where, "column", server.getColumn());
                    append(where, "constraint", server.getConstraint());
                }
                return new IllegalStateException("the database refused the member import (" + where
                        + "); nothing was imported");
            }
        }
        return e;
    }

    private static void append(StringBuilder where, String what, String name) {
        if (name != null && name.matches("[A-Za-z0-9_]{1,63}")) {
            where.append(", ").append(what).append(' ').append(name);
        }
    }

    private ImportResult load(MemberSource rows, Progress progress) {
        long started = System.nanoTime();
        ImportResult result = jdbi.inTransaction(handle -> {
            MemberImportDao dao = handle.attach(MemberImportDao.class);
            MemberBulkDao bulk = new MemberBulkDao(handle);
            dao.lockImports(IMPORT_LOCK);
            dao.useWorkMemForImport();
            bulk.createStaging();
            long staged = bulk.stage(rows, progress, started);
            if (staged == 0) {
                return new ImportResult(0, 0, 0);
            }
            long t0 = System.nanoTime();
            checkDuplicateIds(dao);
            dao.summarizeLocals();
            checkLocalsConsistent(dao);
            upsertStructure(dao);
            long t1 = System.nanoTime();
            List<String> rebuild = bulkLoad(dao, staged, bulkMinRows) ? bulk.dropIndexesAndConstraints() : List.of();
            long updated = bulk.updateMembers();
            long t2 = System.nanoTime();
            long inserted = bulk.insertMembers();
            long t3 = System.nanoTime();
            bulk.rebuild(rebuild);
            long t4 = System.nanoTime();
            LOG.debug("Import phases (ms): staging {}, checks {}, update {}, insert {}, index rebuild {}",
                    (t0 - started) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
            return new ImportResult(inserted, updated, staged - inserted - updated);
        });
        if (result.inserted() + result.updated() > 0) {
            // Fresh statistics so scope queries use their indexes right after a bulk load.
            jdbi.useExtension(MemberImportDao.class, MemberImportDao::analyzeMembers);
        }
        LOG.info("Member import: {} inserted, {} updated, {} unchanged in {} ms",
                result.inserted(), result.updated(), result.unchanged(), (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    private static void checkDuplicateIds(MemberImportDao dao) {
        // A hash aggregate says whether there is a duplicate; only then is the first one located.
        if (!dao.anyDuplicateId()) {
            return;
        }
        dao.firstDuplicateId().ifPresent(d -> {
            throw new ImportException(d.line(), "member_id", "duplicate member_id (first given on line "
                    + d.firstLine() + ")");
        });
    }

    /** A local has one region and one employer group; a file that places it in two is wrong somewhere. */
    private static void checkLocalsConsistent(MemberImportDao dao) {
        dao.firstMisplacedLocal().ifPresent(l -> {
            boolean region = l.regionDiffers();
            throw new ImportException(l.line(), region ? "region" : "employer_group",
                    "this local was given a different " + (region ? "region" : "employer group")
                            + " on line " + l.firstLine()
                            + "; a local belongs to one region and one employer group");
        });
    }

    /**
     * New regions, employer groups and locals are created; a known local follows the file
     * (README, Members CSV), and the foreign key's ON UPDATE CASCADE moves its members with it.
     */
    private static void upsertStructure(MemberImportDao dao) {
        dao.addNewRegions();
        dao.addNewEmployerGroups();
        dao.upsertLocals();
    }

    /**
     * Loading more than a quarter of the table's size is faster with the indexes and keys rebuilt
     * once afterwards than maintained row by row. Dropping them holds an
     * exclusive lock on members until the import commits, so smaller imports keep the row-by-row
     * path, which lets exports read members meanwhile.
     */
    private static boolean bulkLoad(MemberImportDao dao, long staged, long bulkMinRows) {
        long existing = dao.estimatedMembers();
        return staged >= bulkMinRows && staged * 4 >= existing;
    }
}
