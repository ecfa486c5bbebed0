package org.membergateway.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

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

    /** For messages: "the local president of local L083", "the executive director". */
    public String describe() {
        String who = "the " + role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return scopeType == ScopeType.STATEWIDE ? who
                : who + " of " + scopeType.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + scopeId;
    }

    /** "A, B or C", for a list of approvers any one of whom decides. */
    public static String describeAny(java.util.Collection<Approver> approvers) {
        List<String> names = approvers.stream().map(Approver::describe).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
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
