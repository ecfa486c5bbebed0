package org.membergateway.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;

/**
 * List requests and their approvals (V6, V9). Attach it to the caller's handle: a request, its
 * approval and the audit entries that record them belong to one transaction.
 */
@RegisterRowMapper(ListRequestMapper.class)
public interface ListRequestDao {

    /**
     * A request with its approval and its scope's placement today (a local's region and employer
     * group, which the policy needs when it decides the request again).
     */
    String SELECT = """
            SELECT r.id, p.username AS requester, r.purpose, r.campaign_id, r.scope_type, r.scope_id, r.worksite_filter,
                   r.classification_filter, r.election_filter, r.audience, r.channel, r.fields, r.justification, r.status, r.policy_version,
                   r.reasons::text AS reasons, r.approvers::text AS approvers, r.escalations, r.allowed_by, r.created_at,
                   r.expires_at, r.vendor_id, r.agreement_id, r.approval_steps::text AS approval_steps,
                   l.region_id AS local_region, l.employer_group_id AS local_employer_group,
                   (SELECT COALESCE(jsonb_agg(jsonb_build_object('approver', ap.username, 'approve', a.approve,
                               'note', a.note, 'decidedAt', a.decided_at, 'covers', to_jsonb(a.covers))
                               ORDER BY a.decided_at, ap.username), '[]'::jsonb)::text
                    FROM list_request_approvals a JOIN people ap ON ap.id = a.approver_id
                    WHERE a.request_id = r.id) AS approvals
            FROM list_requests r
            JOIN people p ON p.id = r.requester_id
            LEFT JOIN locals l ON r.scope_type = 'LOCAL' AND l.id = r.scope_id
            """;

    /** Stores a request the policy did not deny; returns its id. */
    default long insert(String requester, AccessRequest request, Decision decision, OffsetDateTime expiresAt,
                        Long vendorId, Long agreementId) {
        return insert(requester, request.purpose(), request.campaignId(), request.scope().type(), request.scope().id(),
                request.filters().worksite(), request.filters().classification(), request.filters().electionId(),
                request.audience(), request.channel(),
                request.fields().toArray(String[]::new), request.justification(), vendorId, agreementId,
                RequestStatus.initial(decision.outcome()), decision.policyVersion(),
                StoredDecisions.reasonsJson(decision.reasons()), StoredDecisions.approversJson(decision.approvers()),
                decision.escalations().stream().map(Enum::name).toArray(String[]::new),
                decision.allowedBy() == null ? null : decision.allowedBy().id(), expiresAt,
                StoredDecisions.stepsJson(decision.steps()));
    }

    @SqlUpdate("""
            INSERT INTO list_requests (requester_id, purpose, campaign_id, scope_type, scope_id, worksite_filter,
                classification_filter, election_filter, audience, channel, fields, justification, vendor_id, agreement_id, status,
                policy_version, reasons, approvers, escalations, allowed_by, expires_at, approval_steps)
            VALUES ((SELECT id FROM people WHERE username = :requester), :purpose, :campaign, :scopeType, :scopeId,
                :worksite, :classification, :election, :audience, :channel, :fields, :justification, :vendor, :agreement, :status,
                :policy, CAST(:reasons AS jsonb), CAST(:approvers AS jsonb), :escalations, :allowedBy, :expires,
                CAST(:steps AS jsonb))""")
    @GetGeneratedKeys("id")
    long insert(@Bind("requester") String requester, @Bind("purpose") Purpose purpose, @Bind("campaign") Long campaignId,
                @Bind("scopeType") ScopeType scopeType, @Bind("scopeId") String scopeId, @Bind("worksite") String worksite,
                @Bind("classification") String classification, @Bind("election") String electionId,
                @Bind("audience") Audience audience,
                @Bind("channel") Channel channel, @Bind("fields") String[] fields, @Bind("justification") String justification,
                @Bind("vendor") Long vendorId, @Bind("agreement") Long agreementId, @Bind("status") RequestStatus status,
                @Bind("policy") String policyVersion, @Bind("reasons") String reasonsJson,
                @Bind("approvers") String approversJson, @Bind("escalations") String[] escalations,
                @Bind("allowedBy") String allowedBy, @Bind("expires") OffsetDateTime expiresAt, @Bind("steps") String stepsJson);

    @SqlQuery(SELECT + " WHERE r.id = :id")
    Optional<ListRequest> find(@Bind("id") long id);

    /** The request, locked until the transaction ends: two approvers cannot both decide it. */
    @SqlQuery(SELECT + " WHERE r.id = :id FOR UPDATE OF r")
    Optional<ListRequest> lock(@Bind("id") long id);

    /** The person's requests, newest first. */
    @SqlQuery(SELECT + " WHERE r.requester_id = (SELECT id FROM people WHERE username = :username) ORDER BY r.id DESC LIMIT :limit")
    List<ListRequest> byRequester(@Bind("username") String username, @Bind("limit") int limit);

    /** Requests waiting for an approver and not yet expired at {@code now}, newest first. */
    @SqlQuery(SELECT + " WHERE r.status = 'PENDING_APPROVAL' AND r.expires_at > :now ORDER BY r.id DESC LIMIT :limit")
    List<ListRequest> pending(@Bind("now") OffsetDateTime now, @Bind("limit") int limit);

    /**
     * Records one approver's decision on the steps it gives ({@code covers}) and the request's
     * status and validity after it: APPROVED once every step is given, REJECTED on any no.
     */
    default void recordApproval(long id, String approver, boolean approve, String note, List<String> covers,
                                RequestStatus status, OffsetDateTime expiresAt) {
        insertApproval(id, approver, approve, note, covers.toArray(String[]::new));
        updateStatus(id, status, expiresAt);
    }

    @SqlUpdate("""
            INSERT INTO list_request_approvals (request_id, approver_id, approve, note, covers)
            VALUES (:id, (SELECT id FROM people WHERE username = :approver), :approve, :note, :covers)""")
    void insertApproval(@Bind("id") long id, @Bind("approver") String approver, @Bind("approve") boolean approve,
                        @Bind("note") String note, @Bind("covers") String[] covers);

    @SqlUpdate("UPDATE list_requests SET status = :status, expires_at = :expires WHERE id = :id")
    void updateStatus(@Bind("id") long id, @Bind("status") RequestStatus status, @Bind("expires") OffsetDateTime expiresAt);

    /**
     * The member rows exported since {@code since} from the person's other requests for the
     * purpose: the earlier lists a cumulative row cap counts (policies/README.md, "Row caps"). A
     * failed build released nothing; one still building counts what it has written.
     */
    @SqlQuery("""
            SELECT COALESCE(SUM(COALESCE(e.row_count, e.rows_written)), 0)
            FROM exports e
            JOIN list_requests r ON r.id = e.request_id
            WHERE r.requester_id = (SELECT id FROM people WHERE username = :username)
              AND r.purpose = :purpose AND e.created_at >= :since AND e.status <> 'FAILED'
              AND r.id <> COALESCE(:excluding, -1)""")
    long exportedRowsSince(@Bind("username") String username, @Bind("purpose") Purpose purpose,
                           @Bind("since") OffsetDateTime since, @Bind("excluding") Long excludingRequest);

    /**
     * The exports made of the request, failed builds aside, and its paper copies (V23): whether a
     * list left for its requester, on file or on paper.
     */
    @SqlQuery("""
            SELECT (SELECT count(*) FROM exports WHERE request_id = :request AND status <> 'FAILED')
                 + (SELECT count(*) FROM paper_copies WHERE request_id = :request)""")
    int exportsMade(@Bind("request") long requestId);

    /** Records the destruction statement; empty if the request already has one (it is never replaced). */
    @SqlQuery("""
            INSERT INTO list_destructions (list_request_id, attested_by, destroyed_on, method, note)
            VALUES (:request, :by, :on, :method, :note)
            ON CONFLICT (list_request_id) DO NOTHING
            RETURNING list_request_id, attested_by, destroyed_on, method, note, recorded_at""")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(DestructionAttestation.class)
    Optional<DestructionAttestation> insertDestruction(@Bind("request") long requestId, @Bind("by") String attestedBy,
                                                       @Bind("on") java.time.LocalDate destroyedOn,
                                                       @Bind("method") String method, @Bind("note") String note);

    @SqlQuery("SELECT list_request_id, attested_by, destroyed_on, method, note, recorded_at FROM list_destructions"
            + " WHERE list_request_id = :request")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(DestructionAttestation.class)
    Optional<DestructionAttestation> destruction(@Bind("request") long requestId);
}
