package org.membergateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the engine decided about one request, and why.
 *
 * @param outcome ALLOW, REQUIRE_APPROVAL or DENY
 * @param reasons why it is denied or needs approval, in check order; empty when allowed outright
 * @param approvers who may approve (any one of them), when approval is required; empty otherwise
 * @param allowedBy the grant that allows the request (its rule id and clause); null when denied
 * @param allowedFields the fields this purpose and channel (or the vendor agreement) may have
 * @param rows which rows of the scope and audience the purpose reaches
 * @param policyVersion SHA-256 of the policy files the decision was made under
 */
public record Decision(Outcome outcome, List<Reason> reasons, List<Approver> approvers, Grant allowedBy,
                       List<String> allowedFields, RowSet rows, String policyVersion) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        approvers = List.copyOf(approvers);
        allowedFields = List.copyOf(allowedFields);
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(policyVersion, "policyVersion");
        if (outcome == Outcome.DENY && reasons.isEmpty()) {
            throw new IllegalArgumentException("a denial always says why");
        }
        if ((outcome == Outcome.REQUIRE_APPROVAL) == approvers.isEmpty()) {
            throw new IllegalArgumentException("approvers exactly when approval is required");
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
        return outcome == Outcome.REQUIRE_APPROVAL ? reasons.stream().map(Reason::rule).toList() : List.of();
    }

    /** The rule ids, for the audit trail. */
    public List<String> ruleIds() {
        return reasons.stream().map(r -> r.rule().name()).toList();
    }
}
