package org.membergateway.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.members.MemberSelection;

/**
 * Gathers the facts for a request, asks the engine, and (for {@code POST /decisions}) records the
 * decision. List requests and vendor extracts call {@link #decide} inside their own transaction and
 * audit under their own target; nothing selects member rows without going through here first.
 */
public final class DecisionService {

    private final PolicyEngine engine;
    private final Jdbi jdbi;
    private final AcknowledgementLookup acknowledgements;
    private final AuditTrail audit;
    private final Clock clock;

    public DecisionService(PolicyEngine engine, Jdbi jdbi, AcknowledgementLookup acknowledgements, AuditTrail audit,
                           Clock clock) {
        this.engine = engine;
        this.jdbi = jdbi;
        this.acknowledgements = acknowledgements;
        this.audit = audit;
        this.clock = clock;
    }

    public Policy policy() {
        return engine.policy();
    }

    /** A request as decided, with the audit entry that recorded it. */
    public record Evaluated(AccessRequest request, Decision decision, long auditSeq) {
    }

    /** {@code POST /decisions}: evaluate and explain without creating anything; audited all the same. */
    public Evaluated evaluate(Requester requester, AccessRequestBody body) {
        Decided decided = jdbi.inTransaction(h -> {
            AccessRequest request = parse(h, body);
            return new Decided(request, decide(h, requester, request, null));
        });
        AuditEntry entry = audit.record(AuditEvent.of(AuditEventType.DECISION, requester.actor(),
                        "decision:" + decided.request().purpose() + ":" + decided.request().scope().type() + ":"
                                + decided.request().scope().id())
                .withDecision(decided.decision().outcome().status())
                .withReasons(decided.decision().ruleIds())
                .withPolicyVersion(decided.decision().policyVersion()));
        return new Evaluated(decided.request(), decided.decision(), entry.seq());
    }

    private record Decided(AccessRequest request, Decision decision) {
    }

    /** The body as a typed request, or 400 naming what is wrong. */
    public AccessRequest parse(Handle h, AccessRequestBody body) {
        return AccessRequestParser.parse(body, (type, id) -> PolicyFacts.place(h, type, id));
    }

    /** Gathers the facts and decides; the caller audits. {@code agreement} only for VENDOR_SERVICE. */
    public Decision decide(Handle h, Requester requester, AccessRequest request, AgreementFact agreement) {
        return engine.decide(request, facts(h, requester, request, agreement));
    }

    private Facts facts(Handle h, Requester requester, AccessRequest request, AgreementFact agreement) {
        List<CandidacyFact> candidacies = requester.isPerson() ? PolicyFacts.candidacies(h, requester.username()) : List.of();
        AcknowledgementStatus acknowledgement = requester.isPerson()
                ? acknowledgements.status(requester.username(), clock.instant()) : AcknowledgementStatus.MISSING;
        CampaignFact campaign = request.campaignId() == null ? null : PolicyFacts.campaign(h, request.campaignId()).orElse(null);
        Policy.PurposeRule rule = engine.policy().purposes().get(request.purpose());
        // Counted only where the count can change the decision: a row cap below a non-statewide scope.
        long rows = rule.rowCap() > 0 && request.scope().type() != org.membergateway.directory.ScopeType.STATEWIDE
                ? PolicyFacts.count(h, selection(request, rule)) : -1;
        return new Facts(requester, candidacies, acknowledgement, acknowledgements.whereToSign(), campaign, agreement,
                rows, LocalDate.now(clock));
    }

    /** The rows a request reaches, per its purpose's row set. */
    public MemberSelection selection(AccessRequest request, Policy.PurposeRule rule) {
        return new MemberSelection(request.scope(), request.audience(), rule.rows(), request.filters());
    }
}
