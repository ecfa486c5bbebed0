package org.membergateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * One approval a request needs: the escalation that asks for it and who may give it (any one of
 * them). A request that needs several steps (an officer's list that is also large) is approved
 * only when every step has its approval: an escalation adds reviewers, it never replaces the
 * appropriate officer (confidentiality §7, §9).
 *
 * @param rule the escalation: APPROVAL_REQUIRED (the grant's own approver), CANDIDATE_IN_SCOPE, LARGE_LIST_APPROVAL
 * @param approvers any one of whom gives this step
 */
public record ApprovalStep(RuleId rule, List<Approver> approvers) {
    public ApprovalStep {
        Objects.requireNonNull(rule, "rule");
        approvers = List.copyOf(approvers);
        if (approvers.isEmpty()) {
            throw new IllegalArgumentException("an approval step names who gives it");
        }
    }

    /** Whether {@code person} may give this step. */
    public boolean heldBy(org.membergateway.auth.Requester person) {
        return approvers.stream().anyMatch(a -> a.heldBy(person));
    }
}
