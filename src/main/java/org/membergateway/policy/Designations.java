package org.membergateway.policy;

import java.util.EnumSet;
import java.util.Set;
import org.membergateway.auth.Designation;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/**
 * A DESIGNEE holds statewide authority only for what the executive director designated them for
 * (purposes and scopes, until a date). For a request outside it, the requester is treated as not
 * holding DESIGNEE at all: every rule of rules.yml that names DESIGNEE then simply does not apply.
 */
public final class Designations {

    private Designations() {
    }

    /** The requester as the policy sees them for this request. */
    public static Requester forRequest(Requester requester, AccessRequest request) {
        if (!requester.hasRole(Role.DESIGNEE) || covers(requester.designation(), request)) {
            return requester;
        }
        Set<Role> roles = EnumSet.copyOf(requester.roles());
        roles.remove(Role.DESIGNEE);
        return Requester.person(requester.username(), requester.displayName(), roles, requester.locals(),
                requester.regions(), requester.employerGroups(), requester.memberId(), null);
    }

    static boolean covers(Designation designation, AccessRequest request) {
        if (designation == null || !designation.coversPurpose(request.purpose().name())) {
            return false;
        }
        for (String scope : designation.scopes()) {
            if (covers(scope, request.scope())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the designated scope ({@code TYPE:id}) contains the requested one. */
    static boolean covers(String designated, PlacedScope requested) {
        int colon = designated.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String type = designated.substring(0, colon);
        String id = designated.substring(colon + 1);
        return switch (type) {
            case "STATEWIDE" -> ScopeType.STATEWIDE_ID.equals(id);
            case "REGION" -> id.equals(requested.region());
            case "EMPLOYER_GROUP" -> id.equals(requested.employerGroup());
            case "LOCAL" -> requested.type() == ScopeType.LOCAL && id.equals(requested.id());
            default -> false;
        };
    }
}
