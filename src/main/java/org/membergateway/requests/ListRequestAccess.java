package org.membergateway.requests;

import java.util.Optional;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Designations;

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
        return Optional.empty();
    }

    /** Only its requester exports it (for a vendor extract, the staff member who asked, to the vendor's key). */
    public static boolean mayExport(Requester caller, ListRequest request) {
        return isRequester(caller, request);
    }

    private static boolean isRequester(Requester caller, ListRequest request) {
        return caller.isPerson() && request.requester().equals(caller.username());
    }

    private static boolean holdsApproverRole(Requester caller, ListRequest request) {
        // A DESIGNEE decides only what their designation covers (purposes, scopes).
        Requester asSeen = Designations.forRequest(caller, request.request());
        for (Approver approver : request.approvers()) {
            if (approver.heldBy(asSeen)) {
                return true;
            }
        }
        return false;
    }
}
