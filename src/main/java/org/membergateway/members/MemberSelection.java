package org.membergateway.members;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequest.Filters;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.RowSet;
import org.postgresql.core.Utils;

/**
 * Which member rows a decided request reaches: always an explicit scope (there is no way to build
 * one without), the audience, the purpose's row set, the optional filters, and only the members
 * reachable on the request's channel. The one place the SQL for "these members" is written, so
 * counts (row caps, the request form's check), pages and exports cannot disagree.
 *
 * <p>Reachable (policies/README.md, "Reachable members"): confidentiality §7 gives officers "the
 * means to email, mail and phone-bank" their members, so a list for a channel holds the members it
 * can reach that way. By email: at least one of the email fields the request asks for is present;
 * by phone: at least one of the phone fields it asks for; by mail: the home address is complete
 * (street, city, state and ZIP all present) when the request asks for any part of it. A request that
 * asks for none of its channel's contact fields (the worksite leaders by mail, at their worksites)
 * and a vendor extract (no channel: the agreement names the service) are not narrowed.
 *
 * <p>The SQL carries its values as literals, because {@code COPY (SELECT ...) TO STDOUT} takes no
 * bind parameters. Ids and enums are validated before they get here; free-text filters are quoted
 * by PgJDBC's own {@link Utils#escapeLiteral} (with standard-conforming strings, which PostgreSQL
 * has had on by default since 9.1 and the gateway never turns off).
 *
 * @param channel how the members will be reached; null for a vendor extract
 * @param requested the member fields the request asks for: which of its channel's contact fields count
 */
public record MemberSelection(PlacedScope scope, Audience audience, RowSet rows, Filters filters, Channel channel,
                              List<String> requested) {

    /** The email fields: one present is enough to email a member. */
    static final List<String> EMAIL_FIELDS = List.of("home_email", "work_email");
    /** The phone fields: one present is enough to call. */
    static final List<String> PHONE_FIELDS = List.of("home_phone", "mobile_phone");
    /** The home address: mail needs every part of it. */
    static final List<String> ADDRESS_FIELDS = List.of("home_street", "home_city", "home_state", "home_zip");

    public MemberSelection {
        Objects.requireNonNull(scope, "an explicit scope");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(rows, "rows");
        filters = filters == null ? Filters.NONE : filters;
        requested = requested == null ? List.of() : List.copyOf(requested);
    }

    /**
     * The rows a decided request reaches: its scope, audience and filters, its purpose's row set,
     * and the members reachable on its channel through the fields it asks for.
     */
    public static MemberSelection of(AccessRequest request, RowSet rows) {
        return new MemberSelection(request.scope(), request.audience(), rows, request.filters(), request.channel(),
                request.fields());
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

    /**
     * {@code SELECT count(*), count(*) FILTER (...)}: how many members the scope, audience, row set
     * and filters hold ({@code in_scope}), and how many of them are reachable on the channel
     * ({@code reachable}, the rows a list has).
     */
    public String reachSql() {
        String reachable = reachable();
        return "SELECT count(*) AS in_scope, "
                + (reachable.isEmpty() ? "count(*)" : "count(*) FILTER (WHERE " + reachable + ")")
                + " AS reachable FROM members WHERE " + scoped();
    }

    String where() {
        String reachable = reachable();
        return reachable.isEmpty() ? scoped() : scoped() + " AND " + reachable;
    }

    /**
     * The condition that a member can be reached on the channel through the requested fields, or
     * the empty string when the selection is not narrowed by it. {@code x <> ''} is not true for a
     * NULL {@code x} (the import stores an empty column as NULL; the empty string is refused too).
     */
    String reachable() {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case EMAIL -> anyPresent(EMAIL_FIELDS);
            case PHONE -> anyPresent(PHONE_FIELDS);
            case MAIL -> ADDRESS_FIELDS.stream().anyMatch(requested::contains)
                    ? "(" + String.join(" AND ", ADDRESS_FIELDS.stream().map(f -> f + " <> ''").toList()) + ")" : "";
        };
    }

    private String anyPresent(List<String> contactFields) {
        List<String> asked = contactFields.stream().filter(requested::contains).map(f -> f + " <> ''").toList();
        return asked.isEmpty() ? "" : "(" + String.join(" OR ", asked) + ")";
    }

    /** Scope, audience, row set and filters: the members a request is about, whether or not the channel reaches them. */
    String scoped() {
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
