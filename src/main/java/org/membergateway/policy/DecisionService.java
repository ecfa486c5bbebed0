package org.membergateway.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;

/**
 * Gathers the facts for a request, asks the engine, and (for {@code POST /decisions}) records the
 * decision. List requests, vendor extracts and exports call {@link #decide} inside their own
 * transaction and audit under their own target; nothing selects member rows without a decision
 * from here first. The facts come through ports the other capabilities implement, so this package
 * reads no table.
 */
public final class DecisionService {

    private final PolicyEngine engine;
    private final PolicyFacts facts;
    private final MemberCounts counts;
    private final AcknowledgementLookup acknowledgements;
    private final AuditTrail audit;
    private final Clock clock;
    private final EarlierLists earlier;
    private final java.time.Duration rowCapWindow;
    private final DecisionCounter counter;

    /** Counts decisions by outcome; only the outcome, never who asked or about whom. */
    @FunctionalInterface
    public interface DecisionCounter {
        DecisionCounter NONE = outcome -> { };

        void decided(Outcome outcome);
    }

    /** @param clock in the union's time zone: campaigns and agreements are in force by calendar day */
    public DecisionService(PolicyEngine engine, PolicyFacts facts, MemberCounts counts,
                           AcknowledgementLookup acknowledgements, AuditTrail audit, Clock clock) {
        this(engine, facts, counts, acknowledgements, audit, clock, EarlierLists.NONE, java.time.Duration.ZERO);
    }

    /**
     * @param earlier the requester's earlier lists per purpose, for cumulative row caps
     * @param rowCapWindow how far back earlier lists count toward a purpose's row cap
     */
    public DecisionService(PolicyEngine engine, PolicyFacts facts, MemberCounts counts,
                           AcknowledgementLookup acknowledgements, AuditTrail audit, Clock clock,
                           EarlierLists earlier, java.time.Duration rowCapWindow) {
        this(engine, facts, counts, acknowledgements, audit, clock, earlier, rowCapWindow, DecisionCounter.NONE);
    }

    /** @param counter told every decision the engine makes (the server's metrics) */
    public DecisionService(PolicyEngine engine, PolicyFacts facts, MemberCounts counts,
                           AcknowledgementLookup acknowledgements, AuditTrail audit, Clock clock,
                           EarlierLists earlier, java.time.Duration rowCapWindow, DecisionCounter counter) {
        this.counter = counter;
        this.earlier = earlier;
        this.rowCapWindow = rowCapWindow;
        this.engine = engine;
        this.facts = facts;
        this.counts = counts;
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
        AccessRequest request = parse(body);
        Decision decision = decide(requester, request, null);
        AuditEntry entry = audit.record(AuditEvent.of(AuditEventType.DECISION, requester.actor(),
                        "decision:" + request.purpose() + ":" + request.scope().type() + ":" + request.scope().id())
                .withDecision(decision.outcome().status())
                .withReasons(decision.ruleIds())
                .withPolicyVersion(decision.policyVersion()));
        return new Evaluated(request, decision, entry.seq());
    }

    /**
     * What the request form's check shows: the decision, evaluated and audited as {@link #evaluate}
     * does, and how many members the request is about and how many of them its channel reaches.
     *
     * @param reach the counts; null when the decision is a denial: the scope may be one the person
     *     does not cover, and how many members someone else's local has is not theirs to learn
     */
    public record Preview(Evaluated evaluated, MemberCounts.Reach reach) {
    }

    public Preview preview(Requester requester, AccessRequestBody body) {
        Evaluated evaluated = evaluate(requester, body);
        MemberCounts.Reach reach = evaluated.decision().outcome() == Outcome.DENY ? null
                : counts.reach(evaluated.request(), evaluated.decision().rows());
        return new Preview(evaluated, reach);
    }

    /** The body as a typed request, or 400 naming what is wrong. */
    public AccessRequest parse(AccessRequestBody body) {
        return AccessRequestParser.parse(body, facts, engine.policy().fields(), engine.policy().bans().keySet());
    }

    /** Gathers the facts and decides; the caller audits. {@code agreement} only for VENDOR_SERVICE. */
    public Decision decide(Requester requester, AccessRequest request, AgreementFact agreement) {
        return decide(requester, request, agreement, null);
    }

    /**
     * As {@link #decide(Requester, AccessRequest, AgreementFact)}, for a stored request decided
     * again: its own exports do not count as earlier lists toward the row cap.
     */
    public Decision decide(Requester requester, AccessRequest request, AgreementFact agreement, Long storedRequest) {
        // A DESIGNEE acts only within their designation (purposes, scopes): outside it, not as one.
        Decision decision = engine.decide(request,
                facts(Designations.forRequest(requester, request), request, agreement, storedRequest));
        counter.decided(decision.outcome());
        return decision;
    }

    /** The campaign with this id as the policy sees it (status, days), if it exists. */
    public java.util.Optional<CampaignFact> campaign(long id) {
        return facts.campaign(id);
    }

    /** Today in the union's time zone: campaigns are in force by calendar day. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The person's declared candidacies (an approver who is a candidate in a request's electorate may not approve it). */
    public List<CandidacyFact> candidacies(Requester person) {
        return person.isPerson() ? facts.candidacies(person.username()) : List.of();
    }

    private Facts facts(Requester requester, AccessRequest request, AgreementFact agreement, Long storedRequest) {
        List<CandidacyFact> candidacies = requester.isPerson() ? facts.candidacies(requester.username()) : List.of();
        AcknowledgementStatus acknowledgement = requester.isPerson()
                ? acknowledgements.status(requester.username(), clock.instant()) : AcknowledgementStatus.MISSING;
        CampaignFact campaign = request.campaignId() == null ? null : facts.campaign(request.campaignId()).orElse(null);
        Policy.PurposeRule rule = engine.policy().purposes().get(request.purpose());
        // Counted only if the engine asks: after a grant matched, for a row cap that could escalate.
        RowCount rows = RowCount.once(() -> counts.count(request, rule.rows()));
        // Counted only if this list alone stays under its purpose's cap.
        RowCount before = RowCount.once(() -> requester.isPerson() && !rowCapWindow.isZero()
                ? earlier.rows(requester.username(), request.purpose(), clock.instant().minus(rowCapWindow), storedRequest) : 0);
        return new Facts(requester, candidacies, acknowledgement, acknowledgements.whereToSign(), campaign, agreement,
                rows, LocalDate.now(clock), before);
    }
}
