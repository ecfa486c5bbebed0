package org.membergateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the engine decided about one request, and why.
 *
 * @param outcome ALLOW, REQUIRE_APPROVAL or DENY
 * @param reasons why it is denied or needs approval, in check order; empty when allowed outright
 * @param approvers everyone who may give one of the approvals, when approval is required; empty otherwise
 * @param allowedBy the grant that allows the request (its rule id and clause); null when denied
 * @param allowedFields the fields this purpose and channel (or the vendor agreement) may have
 * @param rows which rows of the scope and audience the purpose reaches
 * @param policyVersion SHA-256 of the policy files the decision was made under
 * @param steps the approvals needed, one per escalation, ALL of which must be given; empty unless approval is required
 */
public record Decision(Outcome outcome, List<Reason> reasons, List<Approver> approvers, Grant allowedBy,
                       List<String> allowedFields, RowSet rows, String policyVersion, List<ApprovalStep> steps) {

    /**
     * A decision whose every escalation any one of {@code approvers} answers (decisions stored
     * before approvals came in steps read back this way).
     */
    public Decision(Outcome outcome, List<Reason> reasons, List<Approver> approvers, Grant allowedBy,
                    List<String> allowedFields, RowSet rows, String policyVersion) {
        this(outcome, reasons, approvers, allowedBy, allowedFields, rows, policyVersion,
                outcome == Outcome.REQUIRE_APPROVAL && !approvers.isEmpty()
                        ? reasons.stream().map(Reason::rule).distinct().map(rule -> new ApprovalStep(rule, approvers)).toList()
                        : List.of());
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        approvers = List.copyOf(approvers);
        allowedFields = List.copyOf(allowedFields);
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(policyVersion, "policyVersion");
        steps = List.copyOf(steps);
        if (outcome == Outcome.DENY && reasons.isEmpty()) {
            throw new IllegalArgumentException("a denial always says why");
        }
        if ((outcome == Outcome.REQUIRE_APPROVAL) == approvers.isEmpty()) {
            throw new IllegalArgumentException("approvers exactly when approval is required");
        }
        if ((outcome == Outcome.REQUIRE_APPROVAL) == steps.isEmpty()) {
            throw new IllegalArgumentException("approval steps exactly when approval is required");
        }
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    /**
     * The rule ids of the escalations that turned an allowed request into one that needs approval
     * (the general approval a grant asks for, a candidate in their own electorate, a large list):
     * what an approval of it answers. Empty unless approval is required.
     */
    public List<RuleId> escalations() {
        return steps.stream().map(ApprovalStep::rule).toList();
    }

    /** The rule ids, for the audit trail. */
    public List<String> ruleIds() {
        return reasons.stream().map(r -> r.rule().name()).toList();
    }
}
