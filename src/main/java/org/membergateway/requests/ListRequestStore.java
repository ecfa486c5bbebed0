package org.membergateway.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionView;
import org.membergateway.policy.DecisionView.ApproverView;
import org.membergateway.policy.DecisionView.ReasonView;

/** SQL for list requests and approvals. */
public final class ListRequestStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT r.id, p.username AS requester, r.purpose, r.campaign_id, r.scope_type, r.scope_id, r.worksite_filter,
                   r.classification_filter, r.audience, r.channel, r.fields, r.justification, r.status, r.policy_version,
                   r.reasons::text AS reasons, r.approvers::text AS approvers, r.allowed_by, r.created_at, r.expires_at,
                   ap.username AS approver, a.approve, a.note, a.decided_at
            FROM list_requests r
            JOIN people p ON p.id = r.requester_id
            LEFT JOIN list_request_approvals a ON a.request_id = r.id
            LEFT JOIN people ap ON ap.id = a.approver_id
            """;

    public long insert(Handle h, String requester, AccessRequest request, Decision decision, OffsetDateTime expiresAt,
                       Long vendorId, Long agreementId) {
        return h.createUpdate("""
                        INSERT INTO list_requests (requester_id, purpose, campaign_id, scope_type, scope_id, worksite_filter,
                            classification_filter, audience, channel, fields, justification, vendor_id, agreement_id, status,
                            policy_version, reasons, approvers, allowed_by, expires_at)
                        VALUES ((SELECT id FROM people WHERE username = :requester), :purpose, :campaign, :scopeType, :scopeId,
                            :worksite, :classification, :audience, :channel, :fields, :justification, :vendor, :agreement, :status,
                            :policy,
                            CAST(:reasons AS jsonb), CAST(:approvers AS jsonb), :allowedBy, :expires)""")
                .bind("requester", requester)
                .bind("purpose", request.purpose().name())
                .bind("campaign", request.campaignId())
                .bind("scopeType", request.scope().type().name())
                .bind("scopeId", request.scope().id())
                .bind("worksite", request.filters().worksite())
                .bind("classification", request.filters().classification())
                .bind("audience", request.audience().name())
                .bind("channel", request.channel() == null ? null : request.channel().name())
                .bind("fields", request.fields().toArray(new String[0]))
                .bind("justification", request.justification())
                .bind("vendor", vendorId)
                .bind("agreement", agreementId)
                .bind("status", decision.outcome().status())
                .bind("policy", decision.policyVersion())
                .bind("reasons", json(DecisionView.reasons(decision.reasons())))
                .bind("approvers", json(DecisionView.approvers(decision.approvers())))
                .bind("allowedBy", decision.allowedBy() == null ? null : decision.allowedBy().id())
                .bind("expires", expiresAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<StoredRequest> find(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE r.id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /** The request, locked until the transaction ends: two approvers cannot both decide it. */
    public Optional<StoredRequest> lock(Handle h, long id) {
        Optional<Long> locked = h.createQuery("SELECT id FROM list_requests WHERE id = :id FOR UPDATE")
                .bind("id", id).mapTo(Long.class).findOne();
        return locked.isEmpty() ? Optional.empty() : find(h, id);
    }

    public List<StoredRequest> byRequester(Handle h, String username, int limit) {
        return h.createQuery(SELECT + " WHERE r.requester_id = (SELECT id FROM people WHERE username = :u) ORDER BY r.id DESC LIMIT :n")
                .bind("u", username).bind("n", limit).map((rs, ctx) -> row(rs)).list();
    }

    public List<StoredRequest> pending(Handle h, int limit) {
        return h.createQuery(SELECT + " WHERE r.status = 'PENDING_APPROVAL' AND r.expires_at > now() ORDER BY r.id DESC LIMIT :n")
                .bind("n", limit).map((rs, ctx) -> row(rs)).list();
    }

    public void decide(Handle h, long id, String approver, boolean approve, String note, OffsetDateTime expiresAt) {
        h.createUpdate("""
                        INSERT INTO list_request_approvals (request_id, approver_id, approve, note)
                        VALUES (:id, (SELECT id FROM people WHERE username = :approver), :approve, :note)""")
                .bind("id", id).bind("approver", approver).bind("approve", approve).bind("note", note).execute();
        h.createUpdate("UPDATE list_requests SET status = :status, expires_at = :expires WHERE id = :id")
                .bind("status", approve ? "APPROVED" : "REJECTED").bind("expires", expiresAt).bind("id", id).execute();
    }

    private static StoredRequest row(ResultSet rs) throws SQLException {
        String approver = rs.getString("approver");
        return new StoredRequest(rs.getLong("id"), rs.getString("requester"), rs.getString("purpose"),
                (Long) rs.getObject("campaign_id"), rs.getString("scope_type"), rs.getString("scope_id"),
                rs.getString("worksite_filter"), rs.getString("classification_filter"), rs.getString("audience"),
                rs.getString("channel"), Arrays.asList((String[]) rs.getArray("fields").getArray()),
                rs.getString("justification"), rs.getString("status"), rs.getString("policy_version"),
                read(rs.getString("reasons"), new TypeReference<List<ReasonView>>() { }),
                read(rs.getString("approvers"), new TypeReference<List<ApproverView>>() { }),
                rs.getString("allowed_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class),
                approver == null ? null : new StoredRequest.Approval(approver, rs.getBoolean("approve"), rs.getString("note"),
                        rs.getObject("decided_at", OffsetDateTime.class)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision that does not read back", e);
        }
    }
}
