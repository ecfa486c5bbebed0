package org.membergateway.members;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member import's SQL that a SqlObject cannot hold, on the import's handle: the staging
 * table's DDL and the update and insert out of it, built from {@link MemberCsv#COLUMNS} so the
 * file, the staging table and the members table cannot drift apart; the {@code COPY} that streams
 * the rows in; and the drop and rebuild of the members table's indexes and keys, whose statements
 * come from the catalog. The fixed statements are in {@link MemberImportDao}.
 */
final class MemberBulkDao {

    private static final Logger LOG = LoggerFactory.getLogger(MemberBulkDao.class);
    private static final String STAGING = MemberImportDao.STAGING;
    private static final List<String> COLUMNS = MemberCsv.COLUMNS;

    private final Handle handle;
    private final MemberImportDao fixed;

    MemberBulkDao(Handle handle) {
        this.handle = handle;
        this.fixed = handle.attach(MemberImportDao.class);
    }

    void createStaging() {
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

    /**
     * Streams the rows into the staging table with {@code COPY ... FROM STDIN}: constant memory,
     * no per-row round trips. Reports progress every {@link MemberImporter#PROGRESS_EVERY} rows and
     * once at the end, with the time since {@code started}.
     *
     * @return the rows staged
     */
    long stage(MemberSource rows, MemberImporter.Progress progress, long started) {
        String copy = "COPY " + STAGING + " (line, " + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT csv)";
        PGCopyOutputStream out;
        try {
            out = new PGCopyOutputStream(handle.getConnection().unwrap(PGConnection.class), copy, 1 << 16);
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
                    if (++count % MemberImporter.PROGRESS_EVERY == 0) {
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

    /**
     * Drops what a bulk load rebuilds and returns the statements that recreate it, read from the
     * catalog so they always match the migrations: the secondary indexes, the foreign keys, and the
     * primary key too unless another table's foreign key depends on it. Duplicate ids were ruled out
     * before, and re-adding the key checks again.
     */
    List<String> dropIndexesAndConstraints() {
        List<MemberImportDao.MemberConstraint> constraints = fixed.droppableConstraints();
        List<String> indexes = fixed.secondaryIndexDefinitions();
        fixed.secondaryIndexDrops().forEach(handle::execute);
        // Foreign keys sort before the primary key: dropped first, re-added last.
        constraints.forEach(c -> handle.execute("ALTER TABLE members DROP CONSTRAINT " + quote(c.name())));
        fixed.useMaintenanceWorkMemForRebuild();
        List<String> rebuild = new ArrayList<>();
        constraints.stream().filter(MemberImportDao.MemberConstraint::isPrimaryKey)
                .forEach(c -> rebuild.add(addConstraint(c.name(), c.definition())));
        rebuild.addAll(indexes);
        constraints.stream().filter(MemberImportDao.MemberConstraint::isForeignKey)
                .forEach(c -> rebuild.add(addConstraint(c.name(), c.definition())));
        return rebuild;
    }

    /** Runs what {@link #dropIndexesAndConstraints} returned. */
    void rebuild(List<String> statements) {
        statements.forEach(handle::execute);
    }

    private static String addConstraint(String name, String definition) {
        return "ALTER TABLE members ADD CONSTRAINT " + quote(name) + " " + definition;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * Known members whose values differ take the file's values; identical rows are left untouched.
     *
     * @return the members updated
     */
    long updateMembers() {
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

    /** @return the members inserted: the staged ids not yet in the table */
    long insertMembers() {
        String columns = String.join(", ", COLUMNS);
        return handle.execute("INSERT INTO members (" + columns + ") SELECT " + columns + " FROM " + STAGING + " s"
                + " WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.member_id = s.member_id)");
    }
}
