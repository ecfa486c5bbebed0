package org.membergateway.policy;

import java.util.Objects;
import org.membergateway.auth.Requester;
import org.membergateway.directory.Role;
import org.membergateway.directory.ScopeType;

/**
 * Who may approve a request: anyone holding {@code role} over {@code scopeType}/{@code scopeId}
 * (e.g. the LOCAL_PRESIDENT of LOCAL L083; the EXECUTIVE_DIRECTOR of STATEWIDE ALL). The request
 * workflow finds the people; the requester never approves their own request.
 */
public record Approver(Role role, ScopeType scopeType, String scopeId) {
    public Approver {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scopeType, "scopeType");
        Objects.requireNonNull(scopeId, "scopeId");
    }

    public static Approver statewide(Role role) {
        return new Approver(role, ScopeType.STATEWIDE, ScopeType.STATEWIDE_ID);
    }

    /** Whether this person holds the role over the scope (the request's author is excluded elsewhere). */
    public boolean heldBy(Requester person) {
        if (!person.isPerson() || !person.hasRole(role)) {
            return false;
        }
        return switch (scopeType) {
            case STATEWIDE -> true;
            case LOCAL -> person.locals().contains(scopeId);
            case REGION -> person.regions().contains(scopeId);
            case EMPLOYER_GROUP -> person.employerGroups().contains(scopeId);
        };
    }
}
