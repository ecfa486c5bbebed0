package org.membergateway.members;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.MemberCounts;
import org.membergateway.policy.RowSet;
import org.postgresql.PGConnection;

/**
 * Runs {@link MemberSelection}s: the dynamic SQL over the member table, kept on Handles because
 * its shape depends on the request. Counts for the policy's row caps, the planner's estimate and a
 * sample workplace for an export's seed records, and the {@code COPY} that streams an export's rows.
 */
public final class MemberSelectionDao implements MemberCounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The work fields of a member: where seed records are placed so they blend into a list. */
    public static final List<String> WORK_FIELDS = List.of("local_id", "region", "employer_group", "employer", "worksite",
            "classification");

    /** The most rows {@link #read} returns: a page, not an export. */
    public static final int MAX_READ = 1000;

    private final Jdbi jdbi;

    public MemberSelectionDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public long count(AccessRequest request, RowSet rows) {
        MemberSelection selection = MemberSelection.of(request, rows);
        return jdbi.withHandle(h -> h.createQuery(selection.countSql()).bindMap(selection.parameters()).mapTo(Long.class).one());
    }

    @Override
    public Reach reach(AccessRequest request, RowSet rows) {
        MemberSelection selection = MemberSelection.of(request, rows);
        return jdbi.withHandle(h -> h.createQuery(selection.reachSql()).bindMap(selection.parameters())
                .map((rs, ctx) -> new Reach(rs.getLong("in_scope"), rs.getLong("reachable"))).one());
    }

    /**
     * The planner's estimate of the selection's size: enough to spread seed records through a list
     * without counting a million rows before copying them.
     */
    public long estimate(MemberSelection selection) {
        String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN (FORMAT JSON) " + selection.countSql().replace("count(*)", "1"))
                .bindMap(selection.parameters()).mapTo(String.class).one());
        try {
            return Math.max(0, JSON.readTree(plan).path(0).path("Plan").path("Plan Rows").asLong());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's plan did not read as JSON", e);
        }
    }

    /** The work fields of one member of the selection (empty strings when it has none). */
    public Map<String, String> sampleWorkplace(MemberSelection selection) {
        Map<String, String> values = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(selection.selectSql(WORK_FIELDS) + " LIMIT 1").bindMap(selection.parameters()).mapToMap().findOne().ifPresentOrElse(
                row -> WORK_FIELDS.forEach(field -> values.put(field, row.get(field) == null ? "" : row.get(field).toString())),
                () -> WORK_FIELDS.forEach(field -> values.put(field, ""))));
        return values;
    }

    /**
     * At most {@code limit} rows of the selection, only {@code fields}, each row's values in the
     * order of {@code fields} (null as the empty string), by name: for a page that shows a short
     * list rather than exporting it. The caller has a decision for exactly this selection and these
     * fields, and audits the rows it shows.
     */
    public List<List<String>> read(MemberSelection selection, List<String> fields, int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("read between 1 and " + MAX_READ + " rows, not " + limit);
        }
        String sql = selection.selectSql(fields) + " ORDER BY last_name, first_name, member_id LIMIT " + limit;
        return jdbi.withHandle(h -> h.createQuery(sql).bindMap(selection.parameters()).map((rs, ctx) -> {
            List<String> values = new java.util.ArrayList<>(fields.size());
            for (int i = 1; i <= fields.size(); i++) {
                String value = rs.getString(i);
                values.add(value == null ? "" : value);
            }
            return List.copyOf(values);
        }).list());
    }

    /**
     * Streams the selection's {@code fields} as CSV with a header row ({@code COPY ... TO STDOUT})
     * over {@code reader} (in a transaction of its own unless one is open), a handle of its own:
     * PostgreSQL's copy protocol holds its connection until the last row, so nothing else may run on
     * it meanwhile.
     *
     * @return the rows copied
     */
    public static long copyCsv(Handle reader, MemberSelection selection, List<String> fields, OutputStream out)
            throws SQLException, java.io.IOException {
        String copy = "COPY (" + selection.copySql(fields) + ") TO STDOUT (FORMAT csv, HEADER)";
        // COPY binds nothing: its values go into settings local to this transaction, bound, and the
        // query reads them back (MemberSelection#copySql). They end with the transaction.
        boolean own = !reader.isInTransaction();
        if (own) {
            reader.begin();
        }
        try {
            selection.parameters().forEach((name, value) -> reader.createQuery("SELECT set_config(:name, :value, true)")
                    .bind("name", MemberSelection.SETTING_PREFIX + name).bind("value", value).mapTo(String.class).one());
            long rows = reader.getConnection().unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
            if (own) {
                reader.commit();
            }
            return rows;
        } finally {
            if (own && reader.isInTransaction()) {
                reader.rollback();
            }
        }
    }
}
