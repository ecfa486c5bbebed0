package org.membergateway.requests;

import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.DecisionView.ApproverView;
import org.membergateway.policy.DecisionView.ReasonView;

/** A list request as stored, with the decision it was made under. */
public record StoredRequest(long id, String requester, String purpose, Long campaignId, String scopeType, String scopeId,
                            String worksite, String classification, String audience, String channel, List<String> fields,
                            String justification, String status, String policyVersion, List<ReasonView> reasons,
                            List<ApproverView> approvers, String allowedBy, OffsetDateTime createdAt,
                            OffsetDateTime expiresAt, Approval approval) {

    /** The approver's decision, once given. */
    public record Approval(String approver, boolean approve, String note, OffsetDateTime decidedAt) {
    }

    /** The request as a body again, to be parsed and decided under today's policy. */
    public AccessRequestBody toBody() {
        return new AccessRequestBody(purpose, campaignId, new AccessRequestBody.ScopeBody(scopeType, scopeId),
                new AccessRequestBody.FiltersBody(worksite, classification), audience, channel, fields, justification);
    }

    /** The status as it stands now: a pending request past its time has expired. */
    public String effectiveStatus(OffsetDateTime now) {
        return "PENDING_APPROVAL".equals(status) && now.isAfter(expiresAt) ? "EXPIRED" : status;
    }
}
