package org.membergateway.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RuleId;

/**
 * A stored list request: what was asked, typed as the policy reads it, and the decision it was
 * made under. The decision's reasons, approvers and escalations are kept as they were, so what was
 * decided stays readable after the policy changes; exports decide {@link #request} again under
 * today's policy and compare with {@link #approvalCovers}.
 *
 * @param requester the requester's username (for a vendor extract: the staff member who asked)
 * @param request the request as the policy decides it, its scope placed as the directory places it today
 * @param status as stored; {@link #statusAt} is what it is now
 * @param reasons why it needed approval, in the words of the decision; empty when allowed outright
 * @param approvers any one of whom may decide it; empty when allowed outright
 * @param escalations the rule ids of every escalation the decision applied (what the approval was asked for)
 * @param allowedBy the grant of policies/rules.yml that allowed it
 * @param expiresAt pending: decided by then or expired; approved: exportable until then
 * @param vendorId the vendor of a vendor extract (README, Vendors); null otherwise
 * @param agreementId the agreement a vendor extract was made under; null otherwise
 * @param approval the approver's decision, once given; null before
 */
public record ListRequest(long id, String requester, AccessRequest request, RequestStatus status, String policyVersion,
                          List<Reason> reasons, List<Approver> approvers, List<RuleId> escalations, String allowedBy,
                          OffsetDateTime createdAt, OffsetDateTime expiresAt, Long vendorId, Long agreementId,
                          Approval approval) {

    public ListRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        approvers = List.copyOf(approvers);
        escalations = List.copyOf(escalations);
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((vendorId == null) != (agreementId == null)) {
            throw new IllegalArgumentException("a vendor extract has both its vendor and its agreement");
        }
    }

    /** An approver's decision on a pending request. */
    public record Approval(String approver, boolean approve, String note, OffsetDateTime decidedAt) {
    }

    /** The status as it stands at {@code now}: a pending request past its time has expired. */
    public RequestStatus statusAt(OffsetDateTime now) {
        return status == RequestStatus.PENDING_APPROVAL && now.isAfter(expiresAt) ? RequestStatus.EXPIRED : status;
    }

    /** Whether it may be exported at {@code now}: approved, and the approval still valid. */
    public boolean exportableAt(OffsetDateTime now) {
        return statusAt(now) == RequestStatus.APPROVED && now.isBefore(expiresAt);
    }

    public boolean isVendorExtract() {
        return vendorId != null;
    }

    /**
     * Whether what this request has (allowed outright, or approved by one of {@link #approvers})
     * still covers what today's decision on it asks: an approval does not outlive its reason, e.g.
     * a requester who has since declared a candidacy needs the approvers that asks for.
     */
    public boolean approvalCovers(Decision today) {
        return today.outcome() == Outcome.ALLOW
                || (today.outcome() == Outcome.REQUIRE_APPROVAL && Set.copyOf(today.approvers()).equals(Set.copyOf(approvers)));
    }
}
