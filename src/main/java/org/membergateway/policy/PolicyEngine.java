package org.membergateway.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.policy.Grant.ApproverRule;
import org.membergateway.policy.Policy.Ban;
import org.membergateway.policy.Policy.Escalation;
import org.membergateway.policy.Policy.PurposeRule;

/**
 * Decides one request against the policy: a pure function of the policy, the request and the
 * facts. No I/O, no clock, no state: the same inputs always give the same decision, which is what
 * makes the conformance table and the property tests meaningful.
 *
 * <p>Deny unless a grant allows. Every check that fails adds its reason, so a denial lists
 * everything the requester would have to change, not just the first thing. The order of checks is
 * described at the top of policies/rules.yml.
 */
public final class PolicyEngine {

    private static final String GENERAL_REQUESTS = "confidentiality §9";

    private final Policy policy;
    private final Map<Purpose, List<Grant>> grantsByPurpose;
    private final Set<Role> rolesWithGrants;

    public PolicyEngine(Policy policy) {
        this.policy = policy;
        this.grantsByPurpose = policy.grantsByPurpose();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        policy.grants().forEach(g -> roles.addAll(g.roles()));
        this.rolesWithGrants = roles;
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(AccessRequest request, Facts facts) {
        Requester requester = facts.requester();
        Purpose purpose = request.purpose();
        PurposeRule rule = policy.purposes().get(purpose);
        List<Reason> denials = new ArrayList<>(4);
        Ban ban = policy.bans().get(purpose);
        if (ban != null) {
            denials.add(new Reason(ban.rule(), ban.clause(), ban.message()));
        }
        if (requester.isVendor()) {
            denials.add(new Reason(RuleId.DEFAULT_DENY, "confidentiality §2, §3",
                    "Vendors cannot request member lists; they receive only extracts the union prepares under their agreement."));
            return deny(denials, request, rule);
        }
        if (facts.acknowledgement() != AcknowledgementStatus.CURRENT) {
            denials.add(acknowledgementReason(facts));
        }
        if (ban != null) {
            return deny(denials, request, rule);
        }
        if (!rule.audiences().contains(request.audience())) {
            denials.add(new Reason(RuleId.AUDIENCE_NOT_PERMITTED, rule.clause(), purpose + " reaches " + rule.audiences()
                    + ", not " + request.audience() + "."));
        }
        if (rule.requiresCampaign()) {
            campaignProblem(request, facts, rule).ifPresent(denials::add);
        }
        GrantMatch match = matchGrants(request, facts, rule);
        if (match.denial != null) {
            denials.add(match.denial);
        }
        denials.addAll(fieldProblems(request, facts, rule));
        if (!denials.isEmpty()) {
            return deny(denials, request, rule);
        }
        return grantOrEscalate(request, facts, rule, match.grants);
    }

    // ---- acknowledgement -------------------------------------------------------------------

    private Reason acknowledgementReason(Facts facts) {
        String status = switch (facts.acknowledgement()) {
            case MISSING -> "You have not signed the confidentiality agreement.";
            case OUTDATED -> "The policy text changed since you signed the confidentiality agreement.";
            case EXPIRED -> "Your confidentiality acknowledgement has expired.";
            case CURRENT -> throw new IllegalStateException("not a problem");
        };
        String where = facts.whereToSign().isEmpty() ? "" : " " + facts.whereToSign();
        return new Reason(RuleId.ACKNOWLEDGEMENT_REQUIRED, policy.acknowledgement().clause(),
                status + " " + policy.acknowledgement().message() + where);
    }

    // ---- campaign ------------------------------------------------------------------------

    private Optional<Reason> campaignProblem(AccessRequest request, Facts facts, PurposeRule rule) {
        CampaignFact campaign = facts.campaign();
        String problem;
        if (campaign == null || request.campaignId() == null || campaign.id() != request.campaignId()) {
            problem = "There is no campaign " + request.campaignId() + ".";
        } else if (campaign.status() != CampaignStatus.ACTIVE) {
            problem = "Campaign " + campaign.id() + " is " + switch (campaign.status()) {
                case PENDING_APPROVAL -> "waiting for approval by the appropriate officer or the executive director";
                case REJECTED -> "rejected";
                case ENDED -> "ended";
                case ACTIVE -> throw new IllegalStateException("not a problem");
            } + "; only an approved campaign carries requests.";
        } else if (!campaign.activeOn(facts.today())) {
            problem = "Campaign " + campaign.id() + " runs from " + campaign.startsOn() + " to " + campaign.endsOn()
                    + "; it is not active on " + facts.today() + ".";
        } else if (!campaign.scope().contains(request.scope())) {
            problem = "Campaign " + campaign.id() + " covers " + campaign.scope().describe() + "; "
                    + request.scope().describe() + " is outside it.";
        } else {
            problem = targetProblem(request, campaign);
            if (problem == null) {
                Set<CampaignKind> kinds = policy.campaignAudiences().get(request.audience());
                if (kinds == null || kinds.contains(campaign.kind())) {
                    return Optional.empty();
                }
                problem = request.audience() + " are reached only by " + kinds + " campaigns; campaign "
                        + campaign.id() + " is " + campaign.kind() + ".";
            }
        }
        return Optional.of(new Reason(RuleId.CAMPAIGN_INVALID, rule.clause(),
                problem + " Campaign outreach needs an active campaign or project that covers the scope."));
    }

    /**
     * Why the request reaches beyond the campaign's targets, or null. A target narrows only through
     * the request's own filter: a request without the filter would reach the whole scope, so it is
     * refused rather than narrowed behind the requester's back (policies/README.md, "Campaigns"). A
     * selective classification campaign without classifications (one from before targets existed)
     * would reach the whole scope too, so nothing is asked under it.
     */
    private static String targetProblem(AccessRequest request, CampaignFact campaign) {
        CampaignTargets targets = campaign.targets();
        if (campaign.kind() == CampaignKind.SELECTIVE_CLASSIFICATION && targets.classifications().isEmpty()) {
            return "Campaign " + campaign.id() + " is a selective classification campaign that names no classifications.";
        }
        if (!targets.audiences().isEmpty() && !targets.audiences().contains(request.audience())) {
            return "Campaign " + campaign.id() + " reaches " + sortedNames(targets.audiences()) + ", not "
                    + request.audience() + ".";
        }
        String classification = request.filters().classification();
        if (!targets.classifications().isEmpty()
                && (classification == null || !targets.classifications().contains(classification))) {
            return "Campaign " + campaign.id() + " reaches the classifications " + sorted(targets.classifications())
                    + "; filter the request by one of them" + (classification == null ? "." : ", not by another.");
        }
        String worksite = request.filters().worksite();
        if (!targets.worksites().isEmpty() && (worksite == null || !targets.worksites().contains(worksite))) {
            return "Campaign " + campaign.id() + " reaches the worksites " + sorted(targets.worksites())
                    + "; filter the request by one of them" + (worksite == null ? "." : ", not by another.");
        }
        return null;
    }

    private static List<String> sortedNames(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    // ---- grants --------------------------------------------------------------------------

    /** The grants that allow the request, or the reason none does. */
    private record GrantMatch(List<Grant> grants, Reason denial) {
    }

    private GrantMatch matchGrants(AccessRequest request, Facts facts, PurposeRule rule) {
        Requester requester = facts.requester();
        List<Grant> applicable = new ArrayList<>(2);
        for (Grant grant : grantsByPurpose.get(request.purpose())) {
            if (appliesTo(grant, requester, facts.candidacies())) {
                applicable.add(grant);
            }
        }
        if (applicable.isEmpty()) {
            boolean anyGrant = false;
            for (Role role : requester.roles()) {
                anyGrant |= rolesWithGrants.contains(role);
            }
            return anyGrant
                    ? new GrantMatch(List.of(), new Reason(RuleId.PURPOSE_NOT_PERMITTED, rule.clause(),
                            "None of your roles " + requester.roles() + " may request member data for "
                                    + request.purpose() + ": " + rule.description()))
                    : new GrantMatch(List.of(), new Reason(RuleId.DEFAULT_DENY, GENERAL_REQUESTS,
                            "No rule of the policy lets your roles " + requester.roles() + " request member data. A general "
                                    + "request must come from, or be approved by, the local president or director concerned, "
                                    + "the statewide president, or the executive director or designee."));
        }
        List<Grant> inScope = new ArrayList<>(applicable.size());
        for (Grant grant : applicable) {
            if (covers(grant, requester, facts.candidacies(), request.scope())) {
                inScope.add(grant);
            }
        }
        if (inScope.isEmpty()) {
            Grant first = applicable.get(0);
            return new GrantMatch(List.of(), new Reason(RuleId.OUT_OF_SCOPE, first.clause(),
                    request.scope().describe().substring(0, 1).toUpperCase() + request.scope().describe().substring(1)
                            + " is outside what you may request for " + request.purpose() + ": "
                            + coverage(first, requester) + "."));
        }
        List<Grant> reaching = new ArrayList<>(inScope.size());
        for (Grant grant : inScope) {
            if (grant.audiences() == null || grant.audiences().contains(request.audience())) {
                reaching.add(grant);
            }
        }
        if (reaching.isEmpty()) {
            Grant first = inScope.get(0);
            return new GrantMatch(List.of(), new Reason(RuleId.AUDIENCE_NOT_PERMITTED, first.clause(),
                    "For " + request.purpose() + " you may reach " + first.audiences() + ", not " + request.audience()
                            + (request.purpose() == Purpose.CAMPAIGN_OUTREACH ? "."
                            : "; represented workers and CAPE contributors are reached through CAMPAIGN_OUTREACH with an active campaign.")));
        }
        return new GrantMatch(reaching, null);
    }

    private static boolean appliesTo(Grant grant, Requester requester, List<CandidacyFact> candidacies) {
        for (Role role : requester.roles()) {
            if (grant.roles().contains(role)) {
                return true;
            }
        }
        for (CandidacyFact candidacy : candidacies) {
            if (grant.candidacies().contains(candidacy.office())) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(Grant grant, Requester requester, List<CandidacyFact> candidacies, PlacedScope scope) {
        return switch (grant.scope()) {
            case ANY -> true;
            case OWN_LOCAL -> scope.type() == ScopeType.LOCAL && requester.locals().contains(scope.id());
            case OWN_REGION_OR_GROUP -> switch (scope.type()) {
                case LOCAL -> requester.regions().contains(scope.region())
                        || requester.employerGroups().contains(scope.employerGroup());
                case REGION -> requester.regions().contains(scope.id());
                case EMPLOYER_GROUP -> requester.employerGroups().contains(scope.id());
                case STATEWIDE -> false;
            };
            case CANDIDACY -> {
                for (CandidacyFact candidacy : candidacies) {
                    if (grant.candidacies().contains(candidacy.office()) && candidacy.scope().contains(scope)) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    private static String coverage(Grant grant, Requester requester) {
        return switch (grant.scope()) {
            case OWN_LOCAL -> requester.locals().isEmpty() ? "your own local, and you have none on record"
                    : "your own local" + (requester.locals().size() > 1 ? "s " : " ") + String.join(", ", sorted(requester.locals()));
            case OWN_REGION_OR_GROUP -> requester.regions().isEmpty() && requester.employerGroups().isEmpty()
                    ? "your region or employer group, and you have none on record"
                    : "your regions " + sorted(requester.regions()) + " and employer groups " + sorted(requester.employerGroups())
                            + ", and the locals in them";
            case CANDIDACY -> "the scope of your own declared candidacy";
            case ANY -> "any scope";
        };
    }

    private static List<String> sorted(Set<String> ids) {
        return ids.stream().sorted().toList();
    }

    // ---- fields --------------------------------------------------------------------------

    private List<Reason> fieldProblems(AccessRequest request, Facts facts, PurposeRule rule) {
        if (rule.requiresAgreement()) {
            return agreementProblems(request, facts);
        }
        Optional<List<String>> allowed = policy.fields().allowed(request.purpose(), request.channel());
        if (allowed.isEmpty()) {
            return List.of(new Reason(RuleId.FIELDS_EXCEED_PURPOSE, rule.clause(), request.channel() + " is not a channel for "
                    + request.purpose() + "; it may use " + policy.fields().purposeFields().get(request.purpose()).keySet() + "."));
        }
        List<String> excess = without(request.fields(), allowed.get());
        if (excess.isEmpty()) {
            return List.of();
        }
        return List.of(new Reason(RuleId.FIELDS_EXCEED_PURPOSE, rule.clause(), "Fields " + excess + " are more than "
                + request.channel() + " contact for " + request.purpose() + " needs. Allowed fields: " + allowed.get() + "."));
    }

    private List<Reason> agreementProblems(AccessRequest request, Facts facts) {
        AgreementFact agreement = facts.agreement();
        if (agreement == null) {
            return List.of(new Reason(RuleId.AGREEMENT_INVALID, "confidentiality §3",
                    "There is no vendor agreement for this extract; vendors get member data only under an agreement that protects it."));
        }
        if (!agreement.inForceOn(facts.today())) {
            return List.of(new Reason(RuleId.AGREEMENT_INVALID, "confidentiality §3", "Agreement " + agreement.id()
                    + (agreement.active() ? " is in force from " + agreement.validFrom() + " to " + agreement.validUntil()
                            + ", not on " + facts.today() : " has been ended") + "; no extract can be made under it."));
        }
        List<Reason> reasons = new ArrayList<>(2);
        List<String> outside = new ArrayList<>();
        List<String> status = new ArrayList<>();
        for (String field : request.fields()) {
            if (!agreement.allowedFields().contains(field)) {
                outside.add(field);
            } else if (policy.fields().needsServiceJustification(field) && !agreement.membershipStatusRequired()) {
                status.add(field);
            }
        }
        if (request.audience() == Audience.MEMBERS && !agreement.membershipStatusRequired()) {
            // A list of members only tells the vendor who is a member: status by another name.
            reasons.add(new Reason(RuleId.AUDIENCE_NOT_PERMITTED, "confidentiality §4", "An extract of MEMBERS tells the vendor"
                    + " who is a member, which a vendor learns only when its service requires it; agreement " + agreement.id()
                    + " does not say it does. Ask for REPRESENTED_WORKERS."));
        }
        if (!agreement.audiences().contains(request.audience())) {
            reasons.add(new Reason(RuleId.AUDIENCE_NOT_PERMITTED, "confidentiality §3", "Agreement " + agreement.id()
                    + "'s service reaches " + agreement.audiences() + ", not " + request.audience()
                    + " (a benefit carrier gets the benefit's holders, never non-members)."));
        }
        if (!outside.isEmpty()) {
            reasons.add(new Reason(RuleId.FIELD_NOT_IN_AGREEMENT, "confidentiality §3", "Fields " + outside
                    + " are not in agreement " + agreement.id() + ", which names "
                    + sortedByCatalogue(agreement.allowedFields()) + "."));
        }
        if (!status.isEmpty()) {
            reasons.add(new Reason(RuleId.FIELD_NOT_IN_AGREEMENT, "confidentiality §4", "Fields " + status
                    + " reveal membership status or are personal contact or payroll data, which go to a vendor only when"
                    + " its service requires them; agreement " + agreement.id() + " does not say it does."));
        }
        return reasons;
    }

    private List<String> sortedByCatalogue(Set<String> fields) {
        return policy.fields().categories().keySet().stream().filter(fields::contains).toList();
    }

    private static List<String> without(List<String> fields, List<String> allowed) {
        List<String> excess = new ArrayList<>(0);
        for (String field : fields) {
            if (!allowed.contains(field)) {
                excess.add(field);
            }
        }
        return excess;
    }

    // ---- outcome -------------------------------------------------------------------------

    private Decision grantOrEscalate(AccessRequest request, Facts facts, PurposeRule rule, List<Grant> grants) {
        Grant basis = null;
        for (Grant grant : grants) {
            if (grant.outcome() == Outcome.ALLOW) {
                basis = grant;
                break;
            }
        }
        List<Reason> reasons = new ArrayList<>(2);
        List<ApprovalStep> steps = new ArrayList<>(2);
        if (basis == null) {
            // Only grants that need approval: the most specific one names the appropriate officer
            // (confidentiality §7: "at the request of the appropriate local president"). Stacked roles
            // never merge approvers, or a director could approve what the local president must.
            basis = mostSpecific(grants);
            List<Approver> approvers = resolve(basis.approvers(), request.scope());
            steps.add(new ApprovalStep(RuleId.APPROVAL_REQUIRED, approvers));
            reasons.add(new Reason(RuleId.APPROVAL_REQUIRED, basis.clause(), "Your request for " + request.purpose()
                    + " needs approval by " + Approver.describeAny(approvers) + " before any data is released."));
        }
        Requester requester = facts.requester();
        Escalation candidate = policy.candidate();
        if (rule.candidateEscalation()) {
            for (CandidacyFact candidacy : facts.candidacies()) {
                if (candidacy.scope().overlaps(request.scope())) {
                    List<Approver> approvers = resolve(candidate.approvers(), request.scope());
                    steps.add(new ApprovalStep(candidate.rule(), approvers));
                    reasons.add(new Reason(candidate.rule(), candidate.clause(), "You are a declared candidate for "
                            + candidacy.office() + " (election " + candidacy.electionId() + ") in "
                            + candidacy.scope().describe() + ", which overlaps " + request.scope().describe()
                            + "; such requests are never approved automatically: " + Approver.describeAny(approvers)
                            + " must also approve it."));
                    break;
                }
            }
        }
        Escalation largeList = policy.largeList();
        // Rows are counted last, and only when the number can change the outcome: a cap, and a
        // requester who could not approve the large list themself.
        boolean mayApproveLarge = holdsApproverRole(requester, largeList);
        if (rule.largeListEscalation() && !mayApproveLarge) {
            String why = largeListReason(request, facts, rule);
            if (why != null) {
                List<Approver> approvers = resolve(largeList.approvers(), request.scope());
                steps.add(new ApprovalStep(largeList.rule(), approvers));
                reasons.add(new Reason(largeList.rule(), largeList.clause(), why + " needs approval by "
                        + Approver.describeAny(approvers) + (steps.size() > 1 ? ", as well as the approval above." : ".")));
            }
        }
        List<String> allowedFields = allowedFields(request, facts);
        if (reasons.isEmpty()) {
            return new Decision(Outcome.ALLOW, List.of(), List.of(), basis, allowedFields, rule.rows(), policy.version(),
                    List.of());
        }
        Set<Approver> approvers = new LinkedHashSet<>();
        steps.forEach(step -> approvers.addAll(step.approvers()));
        return new Decision(Outcome.REQUIRE_APPROVAL, reasons, List.copyOf(approvers), basis, allowedFields, rule.rows(),
                policy.version(), steps);
    }

    /**
     * Why the list is large, or null: statewide, or above the purpose's cap counted together with
     * the requester's other lists for the purpose in the row-cap window (confidentiality §9).
     */
    private static String largeListReason(AccessRequest request, Facts facts, PurposeRule rule) {
        if (request.scope().type() == ScopeType.STATEWIDE) {
            return "A statewide list";
        }
        if (rule.rowCap() <= 0) {
            return null;
        }
        long rows = facts.estimatedRows();
        if (rows > rule.rowCap()) {
            return "A list of " + rows + " rows, above the " + rule.rowCap() + " allowed for " + request.purpose() + " without it,";
        }
        long earlier = facts.earlierRows();
        if (rows + earlier > rule.rowCap()) {
            return "A list of " + rows + " rows, which with the " + earlier + " rows of your other " + request.purpose()
                    + " lists in the row-cap window comes to " + (rows + earlier) + ", above the " + rule.rowCap()
                    + " allowed without it,";
        }
        return null;
    }

    /**
     * The grant whose approver is closest to the scope: a local-scoped grant before a region's or
     * everyone's, and among those the one whose broadest approver is the most local; file order breaks ties.
     */
    private static Grant mostSpecific(List<Grant> grants) {
        Grant best = grants.get(0);
        for (Grant grant : grants) {
            if (specificity(grant) < specificity(best)) {
                best = grant;
            }
        }
        return best;
    }

    private static int specificity(Grant grant) {
        int scope = switch (grant.scope()) {
            case OWN_LOCAL -> 0;
            case OWN_REGION_OR_GROUP -> 1;
            case CANDIDACY -> 2;
            case ANY -> 3;
        };
        int broadest = 0;
        for (ApproverRule approver : grant.approvers()) {
            broadest = Math.max(broadest, switch (approver) {
                case LOCAL_PRESIDENT_OF_SCOPE -> 0;
                case DIRECTOR_OF_SCOPE -> 1;
                case STATEWIDE_PRESIDENT, EXECUTIVE_DIRECTOR, DESIGNEE -> 2;
            });
        }
        return scope * 10 + broadest;
    }

    private static boolean holdsApproverRole(Requester requester, Escalation escalation) {
        for (ApproverRule approver : escalation.approvers()) {
            Role role = statewideRole(approver);
            if (role != null && requester.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** The approvers for a scope; if none can be named there, those who may approve anything (confidentiality §9). */
    private static List<Approver> resolve(List<ApproverRule> rules, PlacedScope scope) {
        List<Approver> approvers = new ArrayList<>(3);
        for (ApproverRule rule : rules) {
            switch (rule) {
                case LOCAL_PRESIDENT_OF_SCOPE -> {
                    if (scope.type() == ScopeType.LOCAL) {
                        approvers.add(new Approver(Role.LOCAL_PRESIDENT, ScopeType.LOCAL, scope.id()));
                    }
                }
                case DIRECTOR_OF_SCOPE -> {
                    if (scope.region() != null) {
                        approvers.add(new Approver(Role.DIRECTOR, ScopeType.REGION, scope.region()));
                    }
                    if (scope.employerGroup() != null) {
                        approvers.add(new Approver(Role.DIRECTOR, ScopeType.EMPLOYER_GROUP, scope.employerGroup()));
                    }
                }
                default -> approvers.add(Approver.statewide(statewideRole(rule)));
            }
        }
        if (approvers.isEmpty()) {
            approvers.add(Approver.statewide(Role.EXECUTIVE_DIRECTOR));
            approvers.add(Approver.statewide(Role.DESIGNEE));
        }
        return approvers;
    }

    private static Role statewideRole(ApproverRule rule) {
        return switch (rule) {
            case STATEWIDE_PRESIDENT -> Role.STATEWIDE_PRESIDENT;
            case EXECUTIVE_DIRECTOR -> Role.EXECUTIVE_DIRECTOR;
            case DESIGNEE -> Role.DESIGNEE;
            case LOCAL_PRESIDENT_OF_SCOPE, DIRECTOR_OF_SCOPE -> null;
        };
    }

    private List<String> allowedFields(AccessRequest request, Facts facts) {
        PurposeRule rule = policy.purposes().get(request.purpose());
        if (rule.requiresAgreement()) {
            AgreementFact agreement = facts.agreement();
            if (agreement == null) {
                return List.of();
            }
            List<String> fields = new ArrayList<>();
            for (String field : sortedByCatalogue(agreement.allowedFields())) {
                if (agreement.membershipStatusRequired() || !policy.fields().needsServiceJustification(field)) {
                    fields.add(field);
                }
            }
            return fields;
        }
        return request.channel() == null ? List.of()
                : policy.fields().allowed(request.purpose(), request.channel()).orElse(List.of());
    }

    private Decision deny(List<Reason> reasons, AccessRequest request, PurposeRule rule) {
        List<String> allowedFields = policy.bans().containsKey(request.purpose()) || request.channel() == null
                ? List.of() : policy.fields().allowed(request.purpose(), request.channel()).orElse(List.of());
        return new Decision(Outcome.DENY, reasons, List.of(), null, allowedFields, rule.rows(), policy.version());
    }
}
