package org.membergateway.members;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequest.Filters;
import org.membergateway.policy.Audience;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.RowSet;
import org.postgresql.core.Utils;

/**
 * Which member rows a decided request reaches: always an explicit scope (there is no way to build
 * one without), the audience, the purpose's row set and the optional filters. The one place the
 * SQL for "these members" is written, so counts and exports cannot disagree.
 *
 * <p>The SQL carries its values as literals, because {@code COPY (SELECT ...) TO STDOUT} takes no
 * bind parameters. Ids and enums are validated before they get here; free-text filters are quoted
 * by PgJDBC's own {@link Utils#escapeLiteral} (with standard-conforming strings, which PostgreSQL
 * has had on by default since 9.1 and the gateway never turns off).
 */
public record MemberSelection(PlacedScope scope, Audience audience, RowSet rows, Filters filters) {

    public MemberSelection {
        Objects.requireNonNull(scope, "an explicit scope");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(rows, "rows");
        filters = filters == null ? Filters.NONE : filters;
    }

    /** The rows a decided request reaches: its scope, audience and filters, and its purpose's row set. */
    public static MemberSelection of(AccessRequest request, RowSet rows) {
        return new MemberSelection(request.scope(), request.audience(), rows, request.filters());
    }

    /** {@code SELECT count(*) ...} of the selected rows. */
    public String countSql() {
        return "SELECT count(*) FROM members WHERE " + where();
    }

    /** {@code SELECT <fields> ...} of the selected rows; fields must be member CSV columns. */
    public String selectSql(List<String> fields) {
        for (String field : fields) {
            if (!MemberCsv.COLUMNS.contains(field)) {
                throw new IllegalArgumentException("not a member field: " + field);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            sql.append(i == 0 ? "" : ", ").append(BOOLEANS.contains(field) ? field + "::text AS " + field : field);
        }
        return sql.append(" FROM members WHERE ").append(where()).toString();
    }

    /** COPY writes booleans as t/f; the members CSV says true/false, which is what ::text gives. */
    private static final java.util.Set<String> BOOLEANS = java.util.Set.of("cape_contributor", "worksite_leader", "steward");

    String where() {
        StringBuilder sql = new StringBuilder(160);
        switch (scope.type()) {
            case LOCAL -> sql.append("local_id = ").append(literal(scope.id()));
            case REGION -> sql.append("region = ").append(literal(scope.id()));
            case EMPLOYER_GROUP -> sql.append("employer_group = ").append(literal(scope.id()));
            case STATEWIDE -> sql.append("true");
        }
        switch (audience) {
            case MEMBERS -> sql.append(" AND membership_status = 'MEMBER'");
            case REPRESENTED_WORKERS -> sql.append(" AND membership_status IN ('MEMBER', 'FAIR_SHARE', 'NON_MEMBER')");
            case CAPE_CONTRIBUTORS -> sql.append(" AND cape_contributor");
        }
        switch (rows) {
            case ALL -> { }
            case LOCAL_LEADERS -> sql.append(" AND (steward OR worksite_leader)");
            case WORKSITE_LEADERS -> sql.append(" AND worksite_leader");
        }
        if (filters.worksite() != null) {
            sql.append(" AND worksite = ").append(literal(filters.worksite()));
        }
        if (filters.classification() != null) {
            sql.append(" AND classification = ").append(literal(filters.classification()));
        }
        return sql.toString();
    }

    private static String literal(String value) {
        try {
            return Utils.escapeLiteral(new StringBuilder("'"), value, true).append('\'').toString();
        } catch (SQLException e) {
            // Only a NUL character makes it fail; validation rejects control characters first.
            throw new IllegalArgumentException("a value the database cannot hold", e);
        }
    }
}
