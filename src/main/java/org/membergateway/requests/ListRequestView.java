package org.membergateway.requests;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequestBody.FiltersBody;
import org.membergateway.policy.DecisionView;
import org.membergateway.policy.DecisionView.ApproverView;
import org.membergateway.policy.DecisionView.ReasonView;
import org.membergateway.policy.DecisionView.ScopeView;

/**
 * A list request as its requester, its approvers and auditors see it (README, List requests and exports): what was asked,
 * the decision it was made under, the approval once given, and its exports with their progress.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListRequestView(long id, String status, String requester, String purpose, Long campaignId, ScopeView scope,
                              FiltersBody filters, String audience, String channel, List<String> fields,
                              String justification, String policyVersion, List<ReasonView> reasons,
                              List<ApproverView> approvers,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime expiresAt,
                              ApprovalView approval, List<RequestExports.ExportSummary> exports,
                              List<StepView> approvalSteps, List<ApprovalView> approvals) {

    /**
     * @param covers the approval steps (escalation rule ids) this approval gave
     */
    public record ApprovalView(String approver, boolean approve, String note,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime decidedAt, List<String> covers) {
    }

    /** One approval the request needs: its escalation, who may give it, and whether it is given. */
    public record StepView(String rule, List<ApproverView> approvers, boolean given) {
    }

    public static ListRequestView of(ListRequest r, OffsetDateTime now, List<RequestExports.ExportSummary> exports) {
        AccessRequest q = r.request();
        AccessRequest.Filters filters = q.filters();
        return new ListRequestView(r.id(), r.statusAt(now).name(), r.requester(), q.purpose().name(), q.campaignId(),
                new ScopeView(q.scope().type().name(), q.scope().id()),
                filters.worksite() == null && filters.classification() == null && filters.electionId() == null ? null
                        : new FiltersBody(filters.worksite(), filters.classification(), filters.electionId()),
                q.audience().name(), q.channel() == null ? null : q.channel().name(), q.fields(), q.justification(),
                r.policyVersion(), DecisionView.reasons(r.reasons()), DecisionView.approvers(r.approvers()),
                r.createdAt(), r.expiresAt(),
                r.approval() == null ? null : approvalView(r.approval()),
                exports,
                r.steps().stream().map(step -> new StepView(step.rule().name(), DecisionView.approvers(step.approvers()),
                        r.given().contains(step.rule()))).toList(),
                r.approvals().stream().map(ListRequestView::approvalView).toList());
    }

    private static ApprovalView approvalView(ListRequest.Approval a) {
        return new ApprovalView(a.approver(), a.approve(), a.note(), a.decidedAt(), a.covers().stream().map(Enum::name).toList());
    }
}
