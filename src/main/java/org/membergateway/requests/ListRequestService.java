package org.membergateway.requests;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.AgreementFact;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.DecisionView.ApproverView;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.Reason;
import org.membergateway.policy.ScopeType;

/**
 * List requests and their approval (CONTRACT §5). The policy engine decides every request; a denied
 * one is answered and audited but not stored; a pending one waits for one of the approvers the
 * decision names, never the requester. Everything is audited before the answer leaves.
 */
public final class ListRequestService {

    public static final int MAX_NOTE = 1000;
    private static final int MAX_LISTED = 100;

    private final Jdbi jdbi;
    private final DecisionService decisions;
    private final ListRequestStore store;
    private final AuditTrail audit;
    private final RequestsConfiguration config;
    private final Clock clock;

    public ListRequestService(Jdbi jdbi, DecisionService decisions, AuditTrail audit, RequestsConfiguration config,
                              Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.store = new ListRequestStore();
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public ListRequestStore store() {
        return store;
    }

    /** What creating a request came to: a stored request, or a denial with the audit entry that recorded it. */
    public sealed interface Submission permits Created, Denied {
    }

    public record Created(StoredRequest request) implements Submission {
    }

    public record Denied(List<Reason> reasons, String policyVersion, long auditSeq) implements Submission {
    }

    /** {@code POST /list-requests}. */
    public Submission create(Requester requester, AccessRequestBody body) {
        if (body != null && Purpose.VENDOR_SERVICE.name().equals(body.purpose())) {
            throw new InvalidParameterException("purpose",
                    "purpose: vendor extracts are prepared by staff at POST /api/v1/vendors/{id}/extracts");
        }
        return submit(requester, body, null, null);
    }

    /**
     * Decides and, unless denied, stores a request. {@code agreement} and {@code vendorId} serve
     * vendor extracts, which are list requests with purpose VENDOR_SERVICE (CONTRACT §7).
     */
    public Submission submit(Requester requester, AccessRequestBody body, AgreementFact agreement, Long vendorId) {
        return jdbi.inTransaction(h -> {
            AccessRequest request = decisions.parse(body);
            Decision decision = decisions.decide(requester, request, agreement);
            if (decision.outcome() == Outcome.DENY) {
                AuditEntry entry = audit.record(AuditEvent.of(AuditEventType.DECISION, requester.actor(),
                                "list-request:denied:" + request.purpose() + ":" + request.scope().type() + ":" + request.scope().id())
                        .withDecision(decision.outcome().status()).withReasons(decision.ruleIds())
                        .withPolicyVersion(decision.policyVersion()));
                return new Denied(decision.reasons(), decision.policyVersion(), entry.seq());
            }
            OffsetDateTime now = now();
            OffsetDateTime expires = now.plus(decision.allowed() ? config.getApprovedFor().toJavaDuration()
                    : config.getPendingFor().toJavaDuration());
            long id = store.insert(h, requester.username(), request, decision, expires, vendorId,
                    agreement == null ? null : agreement.id());
            // Recorded inside the transaction: if the trail cannot take it, the request is not stored.
            audit.record(AuditEvent.of(AuditEventType.DECISION, requester.actor(), "list-request:" + id)
                    .withDecision(decision.outcome().status()).withReasons(decision.ruleIds())
                    .withPolicyVersion(decision.policyVersion()));
            return new Created(store.find(h, id).orElseThrow());
        });
    }

    /** {@code GET /list-requests/{id}}: for its requester, its eligible approvers and auditors; 404 for anyone else. */
    public StoredRequest get(Requester caller, long id) {
        return jdbi.withHandle(h -> visible(caller, store.find(h, id)));
    }

    /** The caller's own requests, and the pending ones they may decide. */
    public record Listing(List<StoredRequest> mine, List<StoredRequest> awaitingMyApproval) {
    }

    public Listing list(Requester caller) {
        return jdbi.withHandle(h -> {
            List<StoredRequest> awaiting = new ArrayList<>();
            for (StoredRequest r : store.pending(h, 1000)) {
                if (!r.requester().equals(caller.username()) && eligible(caller, r) && awaiting.size() < MAX_LISTED) {
                    awaiting.add(r);
                }
            }
            return new Listing(store.byRequester(h, caller.username(), MAX_LISTED), awaiting);
        });
    }

    /** {@code POST /list-requests/{id}/approval}. */
    public StoredRequest decide(Requester approver, long id, ApprovalBody body) {
        if (body == null || body.approve() == null) {
            throw new InvalidParameterException("approve", "approve: required, true or false");
        }
        String note = body.note() == null ? "" : body.note().strip();
        if (note.length() > MAX_NOTE || note.replace('\n', ' ').chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("note", "note: at most " + MAX_NOTE + " characters, no control characters");
        }
        return jdbi.inTransaction(h -> {
            StoredRequest request = visible(approver, store.lock(h, id));
            if (request.requester().equals(approver.username())) {
                throw ListRequestException.forbidden("SELF_APPROVAL", "nobody approves their own request (confidentiality §9)");
            }
            if (!eligible(approver, request)) {
                throw ListRequestException.forbidden("NOT_AN_APPROVER", "only "
                        + Approver.describeAny(request.approvers().stream().map(ListRequestService::approver).toList())
                        + " may decide this request");
            }
            String status = request.effectiveStatus(now());
            if (!"PENDING_APPROVAL".equals(status)) {
                throw ListRequestException.conflict("NOT_PENDING", "the request is " + status + "; only a pending request can be decided");
            }
            boolean approve = body.approve();
            OffsetDateTime expires = approve ? now().plus(config.getApprovedFor().toJavaDuration()) : request.expiresAt();
            store.decide(h, id, approver.username(), approve, note, expires);
            audit.record(AuditEvent.of(AuditEventType.APPROVAL, approver.actor(), "list-request:" + id)
                    .withDecision(approve ? "APPROVED" : "REJECTED").withPolicyVersion(request.policyVersion()));
            return store.find(h, id).orElseThrow();
        });
    }

    /** A stored request read back under today's policy, and what that policy decides about it. */
    public record Redecided(AccessRequest request, Decision decision) {
    }

    /**
     * The request decided again under today's policy and facts, for an export: an approval does not
     * outlive the requester's role, scope or acknowledgement. Empty if the request no longer reads
     * back as a valid request (its scope or campaign is gone).
     */
    public Optional<Redecided> redecide(Handle h, Requester requester, StoredRequest stored, AgreementFact agreement) {
        AccessRequest request;
        try {
            request = decisions.parse(stored.toBody());
        } catch (InvalidParameterException e) {
            return Optional.empty();
        }
        return Optional.of(new Redecided(request, decisions.decide(requester, request, agreement)));
    }

    private StoredRequest visible(Requester caller, Optional<StoredRequest> found) {
        StoredRequest request = found.orElseThrow(ListRequestException::notFound);
        if (request.requester().equals(caller.username()) || caller.hasRole(Role.AUDITOR) || eligible(caller, request)) {
            return request;
        }
        throw ListRequestException.notFound();
    }

    private static boolean eligible(Requester caller, StoredRequest request) {
        for (ApproverView view : request.approvers()) {
            if (approver(view).heldBy(caller)) {
                return true;
            }
        }
        return false;
    }

    private static Approver approver(ApproverView view) {
        return new Approver(Role.valueOf(view.role()), ScopeType.valueOf(view.scope().type()), view.scope().id());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
