package org.membergateway.members;

import java.io.OutputStream;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.MemberCounts;
import org.membergateway.policy.RowSet;
import org.postgresql.PGConnection;

/**
 * Runs {@link MemberSelection}s: the dynamic SQL over the member table, kept on Handles because
 * its shape depends on the request. Counts for the policy's row caps, the members an export's seed
 * records are made from and the values they must not share, and the {@code COPY} that streams an
 * export's rows.
 */
public final class MemberSelectionDao implements MemberCounts {

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
     * Up to {@code limit} members of the selection with every member field (null where empty),
     * in an order set by {@code salt}: the members an export's seed records are made from. A
     * different salt samples different members; the same salt over the same rows, the same ones.
     */
    public List<Map<String, String>> sample(MemberSelection selection, String salt, int limit) {
        String sql = selection.selectSql(MemberCsv.COLUMNS) + " ORDER BY md5(member_id || :salt) LIMIT :limit";
        return jdbi.withHandle(h -> h.createQuery(sql).bindMap(selection.parameters()).bind("salt", salt).bind("limit", limit).map((rs, ctx) -> {
            Map<String, String> row = new LinkedHashMap<>();
            for (String column : MemberCsv.COLUMNS) {
                String value = rs.getString(column);
                row.put(column, value == null || value.isEmpty() ? null : value);
            }
            return row;
        }).list());
    }

    /** Which of the candidate member ids some member already has. */
    public Set<String> existingMemberIds(Collection<String> candidates) {
        return existing("SELECT member_id FROM members WHERE member_id = ANY (:values)", candidates);
    }

    /** Which of the phone numbers (digits only) some member has as a home or mobile phone, however written. */
    public Set<String> existingPhoneDigits(Collection<String> digits) {
        return existing("""
                SELECT d FROM (SELECT regexp_replace(home_phone, '\\D', '', 'g') AS d FROM members WHERE home_phone IS NOT NULL
                               UNION ALL
                               SELECT regexp_replace(mobile_phone, '\\D', '', 'g') FROM members WHERE mobile_phone IS NOT NULL) p
                WHERE d = ANY (:values)""", digits);
    }

    /** Which of the email addresses (lower case) some member has, at home or at work. */
    public Set<String> existingEmails(Collection<String> lowerCase) {
        return existing("""
                SELECT e FROM (SELECT lower(home_email) AS e FROM members WHERE home_email IS NOT NULL
                               UNION ALL
                               SELECT lower(work_email) FROM members WHERE work_email IS NOT NULL) m
                WHERE e = ANY (:values)""", lowerCase);
    }

    /** Which of the names (lower-case first name, a tab, lower-case last name) some member has. */
    public Set<String> existingNames(Collection<String> keys) {
        return existing("SELECT lower(first_name) || E'\\t' || lower(last_name) AS k FROM members"
                + " WHERE lower(first_name) || E'\\t' || lower(last_name) = ANY (:values)", keys);
    }

    private Set<String> existing(String sql, Collection<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery(sql).bindArray("values", String.class, values)
                .mapTo(String.class).list()));
    }

    /**
     * At most {@code limit} rows of the selection, only {@code fields}, each row's values in the
     * order of {@code fields} (null as the empty string), by name: for a page that shows a short
     * list rather than exporting it. The caller has a decision for exactly this selection and these
     * fields, and audits the rows it shows.
     */
    public List<List<String>> read(MemberSelection selection, List<String> fields, int limit) {
        return read(selection, fields, 0, limit);
    }

    /**
     * As {@link #read(MemberSelection, List, int)}, after skipping the first {@code offset} rows of
     * the same order (by name, then member id, which no two rows of a selection share): one page of
     * a paged list, the pages together holding every row once.
     */
    public List<List<String>> read(MemberSelection selection, List<String> fields, long offset, int limit) {
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("read between 1 and " + MAX_READ + " rows, not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("a negative offset: " + offset);
        }
        String sql = selection.selectSql(fields) + " ORDER BY last_name, first_name, member_id LIMIT " + limit
                + " OFFSET " + offset;
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
