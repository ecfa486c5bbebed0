package org.membergateway.requests;

import java.util.List;
import java.util.Optional;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.policy.ApprovalStep;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Designations;
import org.membergateway.policy.RuleId;

/**
 * Who may see, decide and export a list request. One place, so the read, the approval, the
 * approver's work list and the export ask the same questions. Someone who may not see a request is
 * told it does not exist (404), never that it is someone else's.
 */
public final class ListRequestAccess {

    private ListRequestAccess() {
    }

    /** Its requester, an auditor, or anyone who holds one of the approver roles it names. */
    public static boolean maySee(Requester caller, ListRequest request) {
        return isRequester(caller, request) || caller.hasRole(Role.AUDITOR) || holdsApproverRole(caller, request);
    }

    /** One of the approvers its decision named, and never its requester (confidentiality §9). */
    public static boolean mayApprove(Requester caller, ListRequest request) {
        return refusal(caller, request).isEmpty();
    }

    /** Why {@code caller}, who may see the request, may not decide it; empty if they may. */
    public static Optional<ListRequestException> refusal(Requester caller, ListRequest request) {
        if (isRequester(caller, request)) {
            return Optional.of(ListRequestException.forbidden("SELF_APPROVAL",
                    "nobody approves their own request (confidentiality §9)"));
        }
        if (request.approvers().isEmpty()) {
            return Optional.of(ListRequestException.forbidden("NOT_AN_APPROVER",
                    "the policy allowed this request without approval; nobody decides it"));
        }
        if (!holdsApproverRole(caller, request)) {
            return Optional.of(ListRequestException.forbidden("NOT_AN_APPROVER",
                    "only " + Approver.describeAny(request.approvers()) + " may decide this request"));
        }
        if (caller.isPerson() && request.decidedBy(caller.username())) {
            return Optional.of(ListRequestException.forbidden("ALREADY_DECIDED",
                    "you have already decided this request; the other approvals it needs are someone else's"));
        }
        List<ApprovalStep> open = request.openSteps();
        if (!open.isEmpty() && open.stream().noneMatch(step -> step.heldBy(asSeen(caller, request)))) {
            return Optional.of(ListRequestException.forbidden("NOT_AN_APPROVER",
                    "the approvals you may give are already given; it waits for "
                            + open.stream().map(step -> Approver.describeAny(step.approvers())).toList()));
        }
        return Optional.empty();
    }

    /** The open steps {@code caller} gives by approving: every one whose approvers they are among. */
    public static List<RuleId> stepsGivenBy(Requester caller, ListRequest request) {
        return request.openSteps().stream().filter(step -> step.heldBy(asSeen(caller, request))).map(ApprovalStep::rule).toList();
    }

    /** Only its requester exports it (for a vendor extract, the staff member who asked, to the vendor's key). */
    public static boolean mayExport(Requester caller, ListRequest request) {
        return isRequester(caller, request);
    }

    private static boolean isRequester(Requester caller, ListRequest request) {
        return caller.isPerson() && request.requester().equals(caller.username());
    }

    /** A DESIGNEE decides only what their designation covers (purposes, scopes); outside it, not as one. */
    private static Requester asSeen(Requester caller, ListRequest request) {
        return Designations.forRequest(caller, request.request());
    }

    private static boolean holdsApproverRole(Requester caller, ListRequest request) {
        Requester asSeen = asSeen(caller, request);
        for (Approver approver : request.approvers()) {
            if (approver.heldBy(asSeen)) {
                return true;
            }
        }
        return false;
    }
}
