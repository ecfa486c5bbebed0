package org.membergateway.requests;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.RuleId;
import org.membergateway.policy.ScopeType;

/** A row of {@link ListRequestDao#SELECT} as a {@link ListRequest}: every column typed here, once. */
public final class ListRequestMapper implements RowMapper<ListRequest> {

    @Override
    public ListRequest map(ResultSet rs, StatementContext ctx) throws SQLException {
        long id = rs.getLong("id");
        String channel = rs.getString("channel");
        AccessRequest request = new AccessRequest(Purpose.valueOf(rs.getString("purpose")),
                (Long) rs.getObject("campaign_id"), scope(id, rs),
                new AccessRequest.Filters(rs.getString("worksite_filter"), rs.getString("classification_filter"),
                        rs.getString("election_filter")),
                Audience.valueOf(rs.getString("audience")), channel == null ? null : Channel.valueOf(channel),
                strings(rs.getArray("fields")), rs.getString("justification"));
        return new ListRequest(id, rs.getString("requester"), request, RequestStatus.valueOf(rs.getString("status")),
                rs.getString("policy_version"), StoredDecisions.reasons(rs.getString("reasons")),
                StoredDecisions.approvers(rs.getString("approvers")),
                strings(rs.getArray("escalations")).stream().map(RuleId::valueOf).toList(), rs.getString("allowed_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
                (Long) rs.getObject("vendor_id"), (Long) rs.getObject("agreement_id"),
                StoredDecisions.steps(rs.getString("approval_steps")), StoredDecisions.approvals(rs.getString("approvals")));
    }

    /** Placed as the directory places it now; locals are never deleted, so a LOCAL always has its placement. */
    private static PlacedScope scope(long id, ResultSet rs) throws SQLException {
        String scopeId = rs.getString("scope_id");
        return switch (ScopeType.valueOf(rs.getString("scope_type"))) {
            case STATEWIDE -> PlacedScope.STATEWIDE;
            case REGION -> PlacedScope.region(scopeId);
            case EMPLOYER_GROUP -> PlacedScope.employerGroup(scopeId);
            case LOCAL -> {
                String region = rs.getString("local_region");
                if (region == null) {
                    throw new IllegalStateException("list request " + id + " names local " + scopeId
                            + ", which the directory no longer has");
                }
                yield PlacedScope.local(scopeId, region, rs.getString("local_employer_group"));
            }
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
