package org.membergateway.requests;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.ApprovalStep;
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
 * @param steps the approvals it needs, every one of which must be given (one per escalation)
 * @param approvals the approvers' decisions so far, oldest first
 */
public record ListRequest(long id, String requester, AccessRequest request, RequestStatus status, String policyVersion,
                          List<Reason> reasons, List<Approver> approvers, List<RuleId> escalations, String allowedBy,
                          OffsetDateTime createdAt, OffsetDateTime expiresAt, Long vendorId, Long agreementId,
                          List<ApprovalStep> steps, List<Approval> approvals) {

    public ListRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        approvers = List.copyOf(approvers);
        escalations = List.copyOf(escalations);
        steps = List.copyOf(steps);
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((vendorId == null) != (agreementId == null)) {
            throw new IllegalArgumentException("a vendor extract has both its vendor and its agreement");
        }
    }

    /**
     * One approver's decision on a pending request.
     *
     * @param covers the steps (escalation rule ids) this approval gave
     */
    public record Approval(String approver, boolean approve, String note, OffsetDateTime decidedAt, List<RuleId> covers) {
        public Approval {
            covers = List.copyOf(covers);
        }
    }

    /** The decisive approval: the rejection if there is one, else the latest; null before any. */
    public Approval approval() {
        for (Approval approval : approvals) {
            if (!approval.approve()) {
                return approval;
            }
        }
        return approvals.isEmpty() ? null : approvals.get(approvals.size() - 1);
    }

    /** The escalations the approvals given so far answer. */
    public Set<RuleId> given() {
        Set<RuleId> given = EnumSet.noneOf(RuleId.class);
        approvals.stream().filter(Approval::approve).forEach(a -> given.addAll(a.covers()));
        return given;
    }

    /** The steps still waiting for an approval. */
    public List<ApprovalStep> openSteps() {
        Set<RuleId> given = given();
        return steps.stream().filter(step -> !given.contains(step.rule())).toList();
    }

    /** Whether {@code username} has already decided this request. */
    public boolean decidedBy(String username) {
        return approvals.stream().anyMatch(a -> a.approver().equals(username));
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
     * Whether what this request has still covers what today's decision on it asks: allowed
     * outright today, or every escalation that applies today (by rule id) among those its
     * approvals gave. An approval does not outlive its reason: an executive director's approval of
     * a large list does not cover the requester once they declare a candidacy (CANDIDATE_IN_SCOPE),
     * however the approvers of the two happen to compare.
     */
    public boolean approvalCovers(Decision today) {
        if (today.outcome() == Outcome.ALLOW) {
            return true;
        }
        return today.outcome() == Outcome.REQUIRE_APPROVAL && given().containsAll(today.escalations());
    }

    /** The escalations today's decision applies that no approval of this request gave. */
    public List<RuleId> notCovered(Decision today) {
        Set<RuleId> given = given();
        return today.escalations().stream().filter(rule -> !given.contains(rule)).toList();
    }
}
