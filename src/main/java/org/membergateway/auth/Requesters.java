package org.membergateway.auth;

import jakarta.ws.rs.core.SecurityContext;

/**
 * The {@link Requester} of a JAX-RS request: the principal the authentication filter put in its
 * security context. Kept apart from {@code Requester} so that the value the services and the
 * policy engine take carries no HTTP type.
 */
public final class Requesters {

    private Requesters() {
    }

    /**
     * The requester of an authenticated request. Only endpoints that require a caller may ask (see
     * the access control feature, which denies a method without a role annotation).
     *
     * @throws IllegalStateException on a public endpoint, where nobody authenticated
     */
    public static Requester from(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Requester requester) {
            return requester;
        }
        throw new IllegalStateException("no authenticated requester: the endpoint is missing @RolesAllowed");
    }
}
