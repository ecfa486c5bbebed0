package org.membergateway.members;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequest.Filters;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.RowSet;

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
 * <p>No value is ever written into the SQL: the scope's id and the filters are named parameters
 * ({@link #parameters}), bound by the driver. Quoting them by hand would assume
 * {@code standard_conforming_strings=on}; with it off a backslash escapes a quote and a filter could
 * end its string and add SQL. {@code COPY (SELECT ...) TO STDOUT} takes no bind parameters, so
 * {@link #copySql} reads the same values from transaction-local settings that
 * {@link MemberSelectionDao#copyCsv} sets with bound {@code set_config} calls first.
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

    /** The fields of a voting record a VOTING_RECORDS selection may select besides member columns. */
    public static final List<String> VOTING_RECORD_FIELDS = List.of("election_id", "voted", "method");

    public MemberSelection {
        Objects.requireNonNull(scope, "an explicit scope");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(rows, "rows");
        filters = filters == null ? Filters.NONE : filters;
        requested = requested == null ? List.of() : List.copyOf(requested);
        // Voting records are one election's: without one named, there is no selection (fail closed).
        if (rows == RowSet.VOTING_RECORDS && filters.electionId() == null) {
            throw new IllegalArgumentException("voting records are selected for one named election");
        }
    }

    /**
     * The rows a decided request reaches: its scope, audience and filters, its purpose's row set,
     * and the members reachable on its channel through the fields it asks for.
     */
    public static MemberSelection of(AccessRequest request, RowSet rows) {
        return new MemberSelection(request.scope(), request.audience(), rows, request.filters(), request.channel(),
                request.fields());
    }

    /** The prefix of the settings {@link #copySql} reads its values from (a custom, dotted name). */
    static final String SETTING_PREFIX = "member_gateway.selection_";

    /** {@code SELECT count(*) ...} of the selected rows, with {@link #parameters} to bind. */
    public String countSql() {
        return "SELECT count(*) FROM " + from() + " WHERE " + where();
    }

    /**
     * The values the SQL names ({@code :scope_id}, {@code :worksite}, {@code :classification}, as far
     * as the selection has them), to bind by name.
     */
    public Map<String, String> parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        if (scope.type() != org.membergateway.policy.ScopeType.STATEWIDE) {
            values.put("scope_id", scope.id());
        }
        if (filters.worksite() != null) {
            values.put("worksite", filters.worksite());
        }
        if (filters.classification() != null) {
            values.put("classification", filters.classification());
        }
        if (rows == RowSet.VOTING_RECORDS) {
            values.put("election_id", filters.electionId());
        }
        return values;
    }

    /**
     * {@code SELECT <fields> ...} for {@code COPY}, which binds nothing: each value is read with
     * {@code current_setting} from the setting {@link #SETTING_PREFIX}{@code <name>} of
     * {@link #parameters}, which the caller sets (bound) in the same transaction.
     */
    public String copySql(List<String> fields) {
        return select(fields, name -> "current_setting('" + SETTING_PREFIX + name + "')");
    }

    /** {@code SELECT <fields> ...} of the selected rows, with {@link #parameters} to bind; fields must be member CSV columns. */
    public String selectSql(List<String> fields) {
        return select(fields, name -> ":" + name);
    }

    private String select(List<String> fields, java.util.function.UnaryOperator<String> value) {
        for (String field : fields) {
            if (!MemberCsv.COLUMNS.contains(field)
                    && !(rows == RowSet.VOTING_RECORDS && VOTING_RECORD_FIELDS.contains(field))) {
                throw new IllegalArgumentException("not a field of this selection: " + field);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            sql.append(i == 0 ? "" : ", ").append(BOOLEANS.contains(field) ? field + "::text AS " + field : field);
        }
        return sql.append(" FROM ").append(from()).append(" WHERE ").append(where(value)).toString();
    }

    /**
     * The members table, joined to the voting records for VOTING_RECORDS. {@code USING (member_id)}
     * merges the one column both have, so every other column name stays unambiguous and the
     * conditions below need no table prefix.
     */
    private String from() {
        return rows == RowSet.VOTING_RECORDS ? "members JOIN voting_records USING (member_id)" : "members";
    }

    /** COPY writes booleans as t/f; the members CSV says true/false, which is what ::text gives. */
    private static final java.util.Set<String> BOOLEANS = java.util.Set.of("cape_contributor", "worksite_leader", "steward",
            "voted");

    /**
     * {@code SELECT count(*), count(*) FILTER (...)}: how many members the scope, audience, row set
     * and filters hold ({@code in_scope}), and how many of them are reachable on the channel
     * ({@code reachable}, the rows a list has).
     */
    public String reachSql() {
        String reachable = reachable();
        return "SELECT count(*) AS in_scope, "
                + (reachable.isEmpty() ? "count(*)" : "count(*) FILTER (WHERE " + reachable + ")")
                + " AS reachable FROM " + from() + " WHERE " + scoped(name -> ":" + name);
    }

    String where() {
        return where(name -> ":" + name);
    }

    private String where(java.util.function.UnaryOperator<String> value) {
        String reachable = reachable();
        return reachable.isEmpty() ? scoped(value) : scoped(value) + " AND " + reachable;
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
    private String scoped(java.util.function.UnaryOperator<String> value) {
        StringBuilder sql = new StringBuilder(160);
        switch (scope.type()) {
            case LOCAL -> sql.append("local_id = ").append(value.apply("scope_id"));
            case REGION -> sql.append("region = ").append(value.apply("scope_id"));
            case EMPLOYER_GROUP -> sql.append("employer_group = ").append(value.apply("scope_id"));
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
            case VOTING_RECORDS -> sql.append(" AND election_id = ").append(value.apply("election_id"));
            // Board and committee members are people of the directory, shown by LeaderContacts:
            // no member row is ever one of them, so a member selection over it is empty (fail closed).
            case BOARD_AND_COMMITTEE -> sql.append(" AND false");
        }
        if (filters.worksite() != null) {
            sql.append(" AND worksite = ").append(value.apply("worksite"));
        }
        if (filters.classification() != null) {
            sql.append(" AND classification = ").append(value.apply("classification"));
        }
        return sql.toString();
    }
}
