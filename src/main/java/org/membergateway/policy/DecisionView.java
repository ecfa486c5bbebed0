package org.membergateway.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A decision as clients see it (README, List requests and exports): the status, every reason with its rule id and
 * clause, who may approve, the grant that allows it, the fields this purpose and channel may have,
 * and the policy version it was decided under.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionView(
        @Schema(description = "APPROVED, PENDING_APPROVAL or DENIED") String status,
        List<ReasonView> reasons,
        List<ApproverView> approvers,
        @Schema(description = "The grant of policies/rules.yml that allows the request; absent when denied") ReasonView allowedBy,
        @Schema(description = "The fields this purpose and channel, or the vendor agreement, may have") List<String> allowedFields,
        String policyVersion,
        @Schema(description = "The audit entry that recorded the decision") Long auditSeq) {

    public record ReasonView(String rule, String clause, String message) {
    }

    public record ApproverView(String role, ScopeView scope) {
    }

    public record ScopeView(String type, String id) {
    }

    public static DecisionView of(Decision decision, Long auditSeq) {
        return new DecisionView(decision.outcome().status(), reasons(decision.reasons()), approvers(decision.approvers()),
                decision.allowedBy() == null ? null : new ReasonView(decision.allowedBy().id(), decision.allowedBy().clause(),
                        "Allowed by " + decision.allowedBy().id() + "."),
                decision.allowedFields(), decision.policyVersion(), auditSeq);
    }

    public static List<ReasonView> reasons(List<Reason> reasons) {
        return reasons.stream().map(r -> new ReasonView(r.rule().name(), r.clause(), r.message())).toList();
    }

    public static List<ApproverView> approvers(List<Approver> approvers) {
        return approvers.stream().map(a -> new ApproverView(a.role().name(), new ScopeView(a.scopeType().name(), a.scopeId())))
                .toList();
    }
}
