package org.membergateway.requests;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTally;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.AgreementFact;
import org.membergateway.policy.Approver;
import org.membergateway.policy.CampaignFact;
import org.membergateway.policy.CampaignStatus;
import org.membergateway.policy.CandidacyFact;
import org.membergateway.policy.RuleId;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.Purpose;

/**
 * List requests and their approval (README, List requests and exports). The policy decides every request; a denied one
 * is answered and audited but not stored; a pending one waits for one of the approvers the
 * decision names, never the requester ({@link ListRequestAccess}). An approved one is exported only
 * if today's policy still allows it ({@link #redecide}). Everything is audited before the answer
 * leaves, inside the transaction that stores it: no entry, no request.
 */
public final class ListRequestService {

    public static final int MAX_NOTE = 1000;
    /** Tallied reasons of a 404 (docs/audit-format.md, "Tallied refusals"). */
    static final String NOT_VISIBLE = "LIST_REQUEST_NOT_VISIBLE";
    static final String NOT_EXPORTABLE = "LIST_REQUEST_NOT_EXPORTABLE";
    private static final int MAX_LISTED = 100;
    /** How many pending requests an approver's work list looks through for the ones in their scope. */
    private static final int PENDING_SCANNED = 1000;

    private final Jdbi jdbi;
    private final DecisionService decisions;
    private final AuditTrail audit;
    private final AuditTally refusals;
    private final RequestsConfiguration config;
    private final Clock clock;

    /** @param refusals where a look at a request the caller may not see is tallied (probing shows in the trail) */
    public ListRequestService(Jdbi jdbi, DecisionService decisions, AuditTrail audit, AuditTally refusals,
                              RequestsConfiguration config, Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.audit = audit;
        this.refusals = refusals;
        this.config = config;
        this.clock = clock;
    }

    /**
     * {@code POST /list-requests}: the stored request, approved or pending.
     *
     * @throws RequestDeniedException once the denial is audited
     */
    public ListRequest create(Requester requester, AccessRequestBody body) {
        if (body != null && Purpose.VENDOR_SERVICE.name().equals(body.purpose())) {
            throw new InvalidParameterException("purpose",
                    "purpose: vendor extracts are prepared by staff at POST /api/v1/vendors/{id}/extracts");
        }
        // Board and committee members are people of the directory, not member rows: their published
        // contacts are shown on /leaders (audited there), never stored as a list or exported.
        if (body != null && Purpose.BOARD_CONTACTS.name().equals(body.purpose())) {
            throw new InvalidParameterException("purpose",
                    "purpose: board and committee members' contacts are shown on the /leaders page, not exported");
        }
        return submit(requester, body, null, null);
    }

    /**
     * A vendor extract (README, Vendors): a request with purpose VENDOR_SERVICE, decided on the
     * vendor's agreement ({@code null} if it has none, which the policy denies).
     *
     * @throws RequestDeniedException once the denial is audited
     */
    public ListRequest createExtract(Requester staff, AccessRequestBody body, AgreementFact agreement, long vendorId) {
        return submit(staff, body, agreement, vendorId);
    }

    private ListRequest submit(Requester requester, AccessRequestBody body, AgreementFact agreement, Long vendorId) {
        return jdbi.inTransaction(h -> {
            AccessRequest request = decisions.parse(body);
            Decision decision = decisions.decide(requester, request, agreement);
            if (decision.outcome() == Outcome.DENY) {
                AuditEntry entry = audit.record(decided(requester, "list-request:denied:" + request.purpose() + ":"
                        + request.scope().type() + ":" + request.scope().id(), decision));
                throw new RequestDeniedException(decision, entry.seq());
            }
            OffsetDateTime expires = now().plus(decision.allowed() ? config.getApprovedFor().toJavaDuration()
                    : config.getPendingFor().toJavaDuration());
            ListRequestDao dao = h.attach(ListRequestDao.class);
            long id = dao.insert(requester.username(), request, decision, expires, vendorId,
                    agreement == null ? null : agreement.id());
            audit.record(decided(requester, "list-request:" + id, decision));
            return dao.find(id).orElseThrow();
        });
    }

    /**
     * {@code GET /list-requests/{id}}: for those {@link ListRequestAccess#maySee} it; 404 for anyone
     * else, tallied as ACCESS_REFUSED (LIST_REQUEST_NOT_VISIBLE: no such request, or not the
     * caller's to see; the id is not kept) before the answer leaves. An approval of such a request
     * is tallied the same way, an export of a request that is not the caller's as
     * LIST_REQUEST_NOT_EXPORTABLE.
     */
    public ListRequest get(Requester caller, long id) {
        Optional<ListRequest> visible = jdbi.withExtension(ListRequestDao.class, dao -> dao.find(id))
                .filter(request -> ListRequestAccess.maySee(caller, request));
        return visible.orElseThrow(() -> notVisible(caller, NOT_VISIBLE));
    }

    /**
     * The 404 for a request the caller may not see, decide or export, once the refusal is tallied
     * (ACCESS_REFUSED, per caller and window; the id is not kept). The tally has its own connection,
     * so it stands when the caller's transaction rolls back with the 404.
     */
    private ListRequestException notVisible(Requester caller, String reason) {
        refusals.count(new AuditTally.Refusal(AuditEventType.ACCESS_REFUSED, caller.actor(), null, reason));
        return ListRequestException.notFound();
    }

    /** The caller's own requests, and the pending ones they may decide; newest first. */
    public record Listing(List<ListRequest> mine, List<ListRequest> awaitingMyApproval) {
    }

    public Listing list(Requester caller) {
        return jdbi.withExtension(ListRequestDao.class, dao -> new Listing(
                dao.byRequester(caller.username(), MAX_LISTED),
                dao.pending(now(), PENDING_SCANNED).stream().filter(r -> ListRequestAccess.mayApprove(caller, r))
                        .limit(MAX_LISTED).toList()));
    }

    /** {@code POST /list-requests/{id}/approval}: an eligible approver's yes or no, with a note. */
    public ListRequest recordApproval(Requester approver, long id, ApprovalBody body) {
        if (body == null || body.approve() == null) {
            throw new InvalidParameterException("approve", "approve: required, true or false");
        }
        String note = body.note() == null ? "" : body.note().strip();
        if (note.length() > MAX_NOTE || note.replace('\n', ' ').chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("note", "note: at most " + MAX_NOTE + " characters, no control characters");
        }
        return jdbi.inTransaction(h -> {
            ListRequestDao dao = h.attach(ListRequestDao.class);
            ListRequest request = dao.lock(id).filter(r -> ListRequestAccess.maySee(approver, r))
                    .orElseThrow(() -> notVisible(approver, NOT_VISIBLE));
            RequestStatus status = request.statusAt(now());
            if (status != RequestStatus.PENDING_APPROVAL && request.decidedBy(approver.username())) {
                throw ListRequestException.conflict("NOT_PENDING", "the request is " + status
                        + "; only a pending request can be decided");
            }
            ListRequestAccess.refusal(approver, request).ifPresent(refusal -> {
                throw refusal;
            });
            if (status != RequestStatus.PENDING_APPROVAL) {
                throw ListRequestException.conflict("NOT_PENDING", "the request is " + status
                        + "; only a pending request can be decided");
            }
            // confidentiality §5: nobody decides a request reaching the electorate they are a declared candidate in.
            for (CandidacyFact candidacy : decisions.candidacies(approver)) {
                if (candidacy.scope().overlaps(request.request().scope())) {
                    throw ListRequestException.forbidden("APPROVER_IS_CANDIDATE", "you are a declared candidate ("
                            + candidacy.office() + ", election " + candidacy.electionId() + ") in an electorate this"
                            + " request reaches, so you may not decide it (confidentiality §5)");
                }
            }
            boolean approve = body.approve();
            if (approve && request.request().campaignId() != null) {
                campaignClosed(request.request().campaignId()).ifPresent(closed -> {
                    // Audited on the trail's own connection: it stands when this transaction rolls back.
                    audit.record(AuditEvent.of(AuditEventType.DECISION, approver.actor(), "list-request:" + id + ":approval")
                            .withDecision("DENIED").withReasons(List.of(closed.error())));
                    throw closed;
                });
            }
            List<RuleId> covers = ListRequestAccess.stepsGivenBy(approver, request);
            // Every step needs its own approval: an escalation adds reviewers (confidentiality §7, §9).
            boolean complete = approve && request.openSteps().stream().allMatch(step -> covers.contains(step.rule()));
            RequestStatus decided = !approve ? RequestStatus.REJECTED
                    : complete ? RequestStatus.APPROVED : RequestStatus.PENDING_APPROVAL;
            OffsetDateTime expires = complete ? now().plus(config.getApprovedFor().toJavaDuration()) : request.expiresAt();
            dao.recordApproval(id, approver.username(), approve, note, covers.stream().map(Enum::name).toList(),
                    decided, expires);
            audit.record(AuditEvent.of(AuditEventType.APPROVAL, approver.actor(), "list-request:" + id)
                    .withDecision(decided.name()).withReasons(covers.stream().map(Enum::name).toList())
                    .withPolicyVersion(request.policyVersion()));
            return dao.find(id).orElseThrow();
        });
    }

    /**
     * Why a request under this campaign may not be approved now, if it may not: a campaign that has
     * ended (ended early, or past its last day) carries no new list, since the lists of
     * confidentiality §7, §8 are for the campaign or project and not to be kept beyond it; nor does
     * one that is not (or no longer) active. Turning such a request down stays possible.
     */
    private Optional<ListRequestException> campaignClosed(long campaignId) {
        Optional<CampaignFact> campaign = decisions.campaign(campaignId);
        java.time.LocalDate today = decisions.today();
        if (campaign.isPresent() && campaign.get().status() == CampaignStatus.ACTIVE && !today.isAfter(campaign.get().endsOn())) {
            return Optional.empty();
        }
        if (campaign.isPresent() && (campaign.get().status() == CampaignStatus.ENDED || today.isAfter(campaign.get().endsOn()))) {
            return Optional.of(ListRequestException.conflict("CAMPAIGN_ENDED", "campaign " + campaignId
                    + " has ended; a list for it can no longer be approved (confidentiality §7, §8): turn the request down"));
        }
        return Optional.of(ListRequestException.conflict("CAMPAIGN_NOT_ACTIVE", "campaign " + campaignId
                + " is not active; a list for it cannot be approved (confidentiality §7, §8)"));
    }

    /**
     * The caller's request {@code id}, for an export: 404 unless it is theirs to export, 409 unless
     * it is approved and the approval still valid. Runs in the caller's transaction when there is one.
     */
    public ListRequest approvedForExport(Requester caller, long id) {
        ListRequest request = jdbi.withExtension(ListRequestDao.class, dao -> dao.find(id))
                .filter(r -> ListRequestAccess.mayExport(caller, r))
                .orElseThrow(() -> notVisible(caller, NOT_EXPORTABLE));
        OffsetDateTime now = now();
        if (!request.exportableAt(now)) {
            RequestStatus status = request.statusAt(now);
            throw ListRequestException.conflict("NOT_APPROVED", "only an approved request can be exported; this one is "
                    + (status == RequestStatus.APPROVED ? "past its approval's validity (" + request.expiresAt() + ")" : status));
        }
        return request;
    }

    /**
     * The approved request decided again under today's policy and facts: an approval does not
     * outlive the requester's role, scope or acknowledgement, nor a vendor's agreement, nor the
     * reason it was needed. Returns today's decision when the request still stands.
     *
     * @param agreement today's state of a vendor extract's agreement; null otherwise
     * @throws RequestDeniedException if today's policy denies it (audited)
     * @throws ListRequestException 409 APPROVAL_OUTDATED if it now needs an approval it does not have (audited)
     */
    public Decision redecide(Requester caller, ListRequest request, AgreementFact agreement) {
        Decision today = decisions.decide(caller, request.request(), agreement, request.id());
        String target = "list-request:" + request.id() + ":export";
        if (today.outcome() == Outcome.DENY) {
            AuditEntry entry = audit.record(decided(caller, target, today));
            throw new RequestDeniedException(today, entry.seq());
        }
        if (!request.approvalCovers(today)) {
            // E.g. the requester has since declared a candidacy: the approval they have is not the one needed now.
            audit.record(decided(caller, target, today));
            List<RuleId> missing = request.notCovered(today);
            List<Approver> needed = today.steps().stream().filter(step -> missing.contains(step.rule()))
                    .flatMap(step -> step.approvers().stream()).distinct().toList();
            throw ListRequestException.conflict("APPROVAL_OUTDATED", "the policy now asks for " + missing
                    + ", approved by " + Approver.describeAny(needed) + " " + needed.stream().map(a -> a.role().name())
                            .distinct().toList() + ", which this request's approvals did not give; make a new request");
        }
        return today;
    }

    /**
     * {@code POST /list-requests/{id}/destruction}: the requester attests that the list they
     * exported is destroyed (confidentiality §7, §8), as a vendor attests its extract. Only the
     * requester's own request, once an export of it was made; one attestation, never replaced.
     * A vendor extract is attested by its vendor (README, Vendors).
     */
    public DestructionAttestation attestDestruction(Requester caller, long id, DestructionAttestation.Body body) {
        if (body == null) {
            throw new InvalidParameterException("body", "expected a JSON object with destroyedOn and method");
        }
        java.time.LocalDate destroyedOn;
        try {
            destroyedOn = java.time.LocalDate.parse(body.destroyedOn() == null ? "" : body.destroyedOn());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidParameterException("destroyedOn", "destroyedOn: a date such as 2026-12-20");
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        if (destroyedOn.isAfter(today)) {
            throw new InvalidParameterException("destroyedOn", "destroyedOn: must not be in the future (today is " + today + ")");
        }
        String method = body.method() == null ? "" : body.method().strip();
        if (method.isEmpty() || method.length() > 200 || method.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("method", "method: 1-200 characters, no control characters");
        }
        String note = body.note() == null ? "" : body.note().strip();
        if (note.length() > MAX_NOTE || note.replace('\n', ' ').chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("note", "note: at most " + MAX_NOTE + " characters, no control characters");
        }
        return jdbi.inTransaction(h -> {
            ListRequestDao dao = h.attach(ListRequestDao.class);
            ListRequest request = dao.find(id).filter(r -> ListRequestAccess.mayExport(caller, r) && !r.isVendorExtract())
                    .orElseThrow(ListRequestException::notFound);
            if (dao.exportsMade(id) == 0) {
                throw ListRequestException.conflict("NOTHING_EXPORTED", "request " + id
                        + " has no export; only a list that was released can be destroyed");
            }
            if (destroyedOn.isBefore(request.createdAt().atZoneSameInstant(clock.getZone()).toLocalDate())) {
                throw new InvalidParameterException("destroyedOn", "destroyedOn: is before request " + id + " was made");
            }
            DestructionAttestation attestation = dao.insertDestruction(id, caller.username(), destroyedOn, method, note)
                    .orElseThrow(() -> ListRequestException.conflict("ALREADY_ATTESTED", "request " + id
                            + " already has a destruction attestation; it is never replaced"));
            // The vendors' event type: the same statement about a released list; the target says whose.
            audit.record(AuditEvent.of(AuditEventType.EXTRACT_DESTRUCTION_ATTESTED, caller.actor(), "list-request:" + id)
                    .withDecision("ATTESTED"));
            return attestation;
        });
    }

    /** The destruction attestation of a request, if its requester gave one. */
    public Optional<DestructionAttestation> destruction(long id) {
        return jdbi.withExtension(ListRequestDao.class, dao -> dao.destruction(id));
    }

    private static AuditEvent decided(Requester requester, String target, Decision decision) {
        return AuditEvent.of(AuditEventType.DECISION, requester.actor(), target)
                .withDecision(decision.outcome().status()).withReasons(decision.ruleIds())
                .withPolicyVersion(decision.policyVersion());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
