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

    private final Jdbi jdbi;

    public MemberImporter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public ImportResult importRows(MemberSource rows, Progress progress) {
        long started = System.nanoTime();
        ImportResult result = jdbi.inTransaction(handle -> {
            handle.execute("SELECT pg_advisory_xact_lock(?)", IMPORT_LOCK);
            handle.execute("SET LOCAL work_mem = '64MB'");
            createStaging(handle);
            long staged = stage(handle.getConnection(), rows, progress, started);
            if (staged == 0) {
                return new ImportResult(0, 0, 0);
            }
            checkDuplicateIds(handle);
            checkLocalsConsistent(handle);
            upsertStructure(handle);
            List<String> rebuild = bulkLoad(handle, staged) ? dropSecondaryIndexesAndForeignKeys(handle) : List.of();
            long updated = updateMembers(handle);
            long inserted = insertMembers(handle);
            rebuild.forEach(handle::execute);
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
        long count = 0;
        PGCopyOutputStream out;
        try {
            out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copy, 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("could not start COPY into the import staging table", e);
        }
        try {
            // POSTGRESQL_CSV writes null as an unquoted empty field, which COPY reads back as NULL.
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.POSTGRESQL_CSV);
            while (rows.hasNext()) {
                MemberRow row = rows.next();
                printer.print(rows.line());
                for (String value : MemberCsv.values(row)) {
                    printer.print(value);
                }
                printer.println();
                if (++count % PROGRESS_EVERY == 0) {
                    progress.rowsStaged(count, System.nanoTime() - started);
                }
            }
            printer.flush();
            out.endCopy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the import staging table failed", e);
        } finally {
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

    /** A local has one region and one employer group; a file that places it in two is wrong somewhere. */
    private static void checkLocalsConsistent(Handle handle) {
        if (!exists(handle, """
                SELECT 1 FROM (SELECT DISTINCT local_id, region, employer_group FROM member_import) t
                GROUP BY local_id HAVING count(*) > 1""")) {
            return;
        }
        handle.createQuery("""
                WITH first_rows AS (
                    SELECT DISTINCT ON (local_id) local_id, region, employer_group, line
                    FROM member_import ORDER BY local_id, line)
                SELECT m.line, f.line AS first_line, m.region <> f.region AS region_differs
                FROM member_import m JOIN first_rows f USING (local_id)
                WHERE m.region <> f.region OR m.employer_group <> f.employer_group
                ORDER BY m.line LIMIT 1""")
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
                INSERT INTO regions (id, name) SELECT DISTINCT region, region FROM member_import
                ON CONFLICT (id) DO NOTHING""");
        handle.execute("""
                INSERT INTO employer_groups (id, name) SELECT DISTINCT employer_group, employer_group FROM member_import
                ON CONFLICT (id) DO NOTHING""");
        handle.execute("""
                INSERT INTO locals (id, name, region_id, employer_group_id)
                SELECT DISTINCT ON (local_id) local_id, local_id, region, employer_group
                FROM member_import ORDER BY local_id, line
                ON CONFLICT (id) DO UPDATE
                    SET region_id = EXCLUDED.region_id, employer_group_id = EXCLUDED.employer_group_id
                    WHERE (locals.region_id, locals.employer_group_id)
                          IS DISTINCT FROM (EXCLUDED.region_id, EXCLUDED.employer_group_id)""");
    }

    /**
     * Loading more than a quarter of the table's size is faster with the secondary indexes and
     * foreign keys rebuilt once afterwards than maintained row by row. Dropping them holds an
     * exclusive lock on members until the import commits, so smaller imports keep the row-by-row
     * path, which lets exports read members meanwhile.
     */
    private static boolean bulkLoad(Handle handle, long staged) {
        long existing = handle.createQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = 'members'::regclass")
                .mapTo(Long.class).one();
        return staged >= BULK_MIN_ROWS && staged * 4 >= existing;
    }

    /** Drops what a bulk load rebuilds; returns the statements that recreate it, read from the catalog. */
    private static List<String> dropSecondaryIndexesAndForeignKeys(Handle handle) {
        List<String> rebuild = new ArrayList<>(handle.createQuery("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = 'members'::regclass AND NOT i.indisprimary AND NOT i.indisunique
                ORDER BY i.indexrelid""")
                .mapTo(String.class).list());
        rebuild.addAll(handle.createQuery("""
                SELECT 'ALTER TABLE members ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE conrelid = 'members'::regclass AND contype = 'f' ORDER BY conname""")
                .mapTo(String.class).list());
        handle.createQuery("""
                SELECT 'ALTER TABLE members DROP CONSTRAINT ' || quote_ident(conname)
                FROM pg_constraint WHERE conrelid = 'members'::regclass AND contype = 'f'
                UNION ALL
                SELECT 'DROP INDEX ' || i.indexrelid::regclass::text FROM pg_index i
                WHERE i.indrelid = 'members'::regclass AND NOT i.indisprimary AND NOT i.indisunique""")
                .mapTo(String.class).list()
                .forEach(handle::execute);
        handle.execute("SET LOCAL maintenance_work_mem = '256MB'");
        return rebuild;
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
