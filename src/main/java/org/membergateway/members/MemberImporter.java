package org.membergateway.members;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
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
    private static final String STAGING = "member_import";
    private static final List<String> COLUMNS = MemberCsv.COLUMNS;
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
        }
        audit.record(event.withDecision("IMPORTED").withRows(result.inserted() + result.updated()));
        return result;
    }

    private ImportResult load(MemberSource rows, Progress progress) {
        long started = System.nanoTime();
        ImportResult result = jdbi.inTransaction(handle -> {
            handle.execute("SELECT pg_advisory_xact_lock(?)", IMPORT_LOCK);
            handle.execute("SET LOCAL work_mem = '64MB'");
            createStaging(handle);
            long staged = stage(handle.getConnection(), rows, progress, started);
            if (staged == 0) {
                return new ImportResult(0, 0, 0);
            }
            long t0 = System.nanoTime();
            checkDuplicateIds(handle);
            summarizeLocals(handle);
            checkLocalsConsistent(handle);
            upsertStructure(handle);
            long t1 = System.nanoTime();
            List<String> rebuild = bulkLoad(handle, staged, bulkMinRows) ? dropIndexesAndConstraints(handle) : List.of();
            long updated = updateMembers(handle);
            long t2 = System.nanoTime();
            long inserted = insertMembers(handle);
            long t3 = System.nanoTime();
            rebuild.forEach(handle::execute);
            long t4 = System.nanoTime();
            LOG.debug("Import phases (ms): staging {}, checks {}, update {}, insert {}, index rebuild {}",
                    (t0 - started) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
            return new ImportResult(inserted, updated, staged - inserted - updated);
        });
        if (result.inserted() + result.updated() > 0) {
            // Fresh statistics so scope queries use their indexes right after a bulk load.
            jdbi.useHandle(h -> h.execute("ANALYZE members"));
        }
        LOG.info("Member import: {} inserted, {} updated, {} unchanged in {} ms",
                result.inserted(), result.updated(), result.unchanged(), (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    private static void createStaging(Handle handle) {
        StringBuilder ddl = new StringBuilder("CREATE TEMP TABLE " + STAGING + " (line bigint NOT NULL");
        for (String column : COLUMNS) {
            ddl.append(", ").append(column).append(' ').append(stagingType(column));
        }
        handle.execute(ddl.append(") ON COMMIT DROP").toString());
    }

    private static String stagingType(String column) {
        return switch (column) {
            case "cape_contributor", "worksite_leader", "steward" -> "boolean";
            case "birth_date" -> "date";
            default -> "text";
        };
    }

    private static long stage(Connection connection, MemberSource rows, Progress progress, long started) {
        String copy = "COPY " + STAGING + " (line, " + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT csv)";
        PGCopyOutputStream out;
        try {
            out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copy, 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("could not start COPY into the import staging table", e);
        }
        // Parsing and validating the file is the slowest part of an import; it runs on its own
        // thread so the COPY stream to PostgreSQL is written at the same time.
        RowBatches batches = RowBatches.start(rows);
        long count = 0;
        try {
            // POSTGRESQL_CSV writes null as an unquoted empty field, which COPY reads back as NULL.
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.POSTGRESQL_CSV);
            for (List<Object[]> batch = batches.take(); !batch.isEmpty(); batch = batches.take()) {
                for (Object[] record : batch) {
                    printer.printRecord(record);
                    if (++count % PROGRESS_EVERY == 0) {
                        progress.rowsStaged(count, System.nanoTime() - started);
                    }
                }
            }
            printer.flush();
            out.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the import staging table failed", e);
        } finally {
            batches.stop();
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException e) {
                    LOG.warn("Could not cancel the import COPY: {}", e.getMessage());
                }
            }
        }
        progress.rowsStaged(count, System.nanoTime() - started);
        return count;
    }

    private static void checkDuplicateIds(Handle handle) {
        // A hash aggregate says whether there is a duplicate; only then is the first one located.
        if (!exists(handle, "SELECT 1 FROM member_import GROUP BY member_id HAVING count(*) > 1")) {
            return;
        }
        handle.createQuery("""
                SELECT line, first_line FROM (
                    SELECT line, min(line) OVER (PARTITION BY member_id) AS first_line FROM member_import
                ) t WHERE line <> first_line ORDER BY line LIMIT 1""")
                .map((rs, ctx) -> new ImportException(rs.getLong("line"), "member_id",
                        "duplicate member_id (first given on line " + rs.getLong("first_line") + ")"))
                .findOne()
                .ifPresent(e -> {
                    throw e;
                });
    }

    /**
     * One pass over the staged rows collects each (local, region, employer group) seen and where
     * first; the checks and the structure upsert below then read this small table, not the file.
     */
    private static void summarizeLocals(Handle handle) {
        handle.execute("CREATE TEMP TABLE member_import_locals ON COMMIT DROP AS"
                + " SELECT local_id, region, employer_group, min(line) AS first_line FROM " + STAGING
                + " GROUP BY local_id, region, employer_group");
    }

    /** A local has one region and one employer group; a file that places it in two is wrong somewhere. */
    private static void checkLocalsConsistent(Handle handle) {
        handle.createQuery("""
                WITH firsts AS (
                    SELECT DISTINCT ON (local_id) local_id, region, employer_group, first_line
                    FROM member_import_locals ORDER BY local_id, first_line)
                SELECT l.first_line AS line, f.first_line, l.region <> f.region AS region_differs
                FROM member_import_locals l JOIN firsts f USING (local_id)
                WHERE l.first_line <> f.first_line
                ORDER BY l.first_line LIMIT 1""")
                .map((rs, ctx) -> {
                    boolean region = rs.getBoolean("region_differs");
                    return new ImportException(rs.getLong("line"), region ? "region" : "employer_group",
                            "this local was given a different " + (region ? "region" : "employer group")
                                    + " on line " + rs.getLong("first_line")
                                    + "; a local belongs to one region and one employer group");
                })
                .findOne()
                .ifPresent(e -> {
                    throw e;
                });
    }

    private static boolean exists(Handle handle, String query) {
        return handle.createQuery("SELECT EXISTS (" + query + ")").mapTo(Boolean.class).one();
    }

    /**
     * New regions, employer groups and locals are created; a known local follows the file
     * (CONTRACT §4), and the foreign key's ON UPDATE CASCADE moves its members with it.
     */
    private static void upsertStructure(Handle handle) {
        handle.execute("""
                INSERT INTO regions (id, name) SELECT DISTINCT region, region FROM member_import_locals
                ON CONFLICT (id) DO NOTHING""");
        handle.execute("""
                INSERT INTO employer_groups (id, name)
                SELECT DISTINCT employer_group, employer_group FROM member_import_locals
                ON CONFLICT (id) DO NOTHING""");
        handle.execute("""
                INSERT INTO locals (id, name, region_id, employer_group_id)
                SELECT local_id, local_id, region, employer_group FROM member_import_locals
                ON CONFLICT (id) DO UPDATE
                    SET region_id = EXCLUDED.region_id, employer_group_id = EXCLUDED.employer_group_id
                    WHERE (locals.region_id, locals.employer_group_id)
                          IS DISTINCT FROM (EXCLUDED.region_id, EXCLUDED.employer_group_id)""");
    }

    /**
     * Loading more than a quarter of the table's size is faster with the indexes and keys rebuilt
     * once afterwards than maintained row by row. Dropping them holds an
     * exclusive lock on members until the import commits, so smaller imports keep the row-by-row
     * path, which lets exports read members meanwhile.
     */
    private static boolean bulkLoad(Handle handle, long staged, long bulkMinRows) {
        long existing = handle.createQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = 'members'::regclass")
                .mapTo(Long.class).one();
        return staged >= bulkMinRows && staged * 4 >= existing;
    }

    /**
     * Drops what a bulk load rebuilds and returns the statements that recreate it, read from the
     * catalog so they always match the migrations: the secondary indexes, the foreign keys, and the
     * primary key too unless another table's foreign key depends on it. Duplicate ids were ruled out
     * before, and re-adding the key checks again.
     */
    private static List<String> dropIndexesAndConstraints(Handle handle) {
        record Constraint(String name, String type, String definition) { }
        List<Constraint> constraints = handle.createQuery("""
                SELECT conname, contype, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                WHERE conrelid = 'members'::regclass
                  AND (contype = 'f' OR contype = 'p' AND NOT EXISTS (
                       SELECT 1 FROM pg_constraint r WHERE r.confrelid = 'members'::regclass))
                ORDER BY contype DESC, conname""")
                .map((rs, ctx) -> new Constraint(rs.getString("conname"), rs.getString("contype"),
                        rs.getString("definition")))
                .list();
        List<String> indexes = handle.createQuery("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = 'members'::regclass AND NOT i.indisprimary AND NOT i.indisunique
                ORDER BY i.indexrelid""")
                .mapTo(String.class).list();
        handle.createQuery("""
                SELECT 'DROP INDEX ' || i.indexrelid::regclass::text FROM pg_index i
                WHERE i.indrelid = 'members'::regclass AND NOT i.indisprimary AND NOT i.indisunique""")
                .mapTo(String.class).list()
                .forEach(handle::execute);
        // Foreign keys (type 'f') sort before the primary key ('p'): dropped first, re-added last.
        constraints.forEach(c -> handle.execute("ALTER TABLE members DROP CONSTRAINT " + quote(c.name())));
        handle.execute("SET LOCAL maintenance_work_mem = '256MB'");
        List<String> rebuild = new ArrayList<>();
        constraints.stream().filter(c -> c.type().equals("p")).forEach(c -> rebuild.add(addConstraint(c.name(), c.definition())));
        rebuild.addAll(indexes);
        constraints.stream().filter(c -> c.type().equals("f")).forEach(c -> rebuild.add(addConstraint(c.name(), c.definition())));
        return rebuild;
    }

    private static String addConstraint(String name, String definition) {
        return "ALTER TABLE members ADD CONSTRAINT " + quote(name) + " " + definition;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Known members whose values differ take the file's values; identical rows are left untouched. */
    private static long updateMembers(Handle handle) {
        StringBuilder set = new StringBuilder();
        StringBuilder current = new StringBuilder();
        StringBuilder incoming = new StringBuilder();
        for (String column : COLUMNS.subList(1, COLUMNS.size())) {
            set.append(column).append(" = s.").append(column).append(", ");
            current.append(current.length() == 0 ? "" : ", ").append("m.").append(column);
            incoming.append(incoming.length() == 0 ? "" : ", ").append("s.").append(column);
        }
        // Update-then-insert rather than ON CONFLICT: imports are serialized by the advisory lock,
        // so nothing can insert in between, and a plain insert skips per-row speculative insertion.
        return handle.execute("UPDATE members m SET " + set + "updated_at = now() FROM " + STAGING + " s"
                + " WHERE m.member_id = s.member_id AND (" + current + ") IS DISTINCT FROM (" + incoming + ")");
    }

    private static long insertMembers(Handle handle) {
        String columns = String.join(", ", COLUMNS);
        return handle.execute("INSERT INTO members (" + columns + ") SELECT " + columns + " FROM " + STAGING + " s"
                + " WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.member_id = s.member_id)");
    }
}
