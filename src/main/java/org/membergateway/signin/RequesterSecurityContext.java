package org.membergateway.signin;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.membergateway.auth.Requester;

/** The JAX-RS view of an authenticated {@link Requester}: {@code isUserInRole} answers from its roles. */
public final class RequesterSecurityContext implements SecurityContext {

    static final String BEARER = "Bearer";

    private final Requester requester;
    private final boolean secure;

    public RequesterSecurityContext(Requester requester, boolean secure) {
        this.requester = requester;
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return requester;
    }

    @Override
    public boolean isUserInRole(String role) {
        return requester.hasRoleName(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return requester.isVendor() ? BEARER : BASIC_AUTH;
    }
}
