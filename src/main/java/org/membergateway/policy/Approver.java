package org.membergateway.policy;

import java.util.Objects;
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
}
