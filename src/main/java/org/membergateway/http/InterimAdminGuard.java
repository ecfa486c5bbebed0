package org.membergateway.http;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Guards {@link AdminOnly} endpoints until people can authenticate as ADMIN.
 *
 * <p>Deny by default: the endpoint answers 403 unless {@code interimAdminApi} is on, and even then
 * only to clients on the loopback interface (the operator's own machine). The demo turns it on.
 */
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public final class InterimAdminGuard implements ContainerRequestFilter {

    private final boolean enabled;

    @Context
    private HttpServletRequest servletRequest;

    public InterimAdminGuard(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!enabled) {
            deny(request, "This endpoint requires an ADMIN. Administrator accounts are not configured yet;"
                    + " set GATEWAY_INTERIM_ADMIN_API=true to allow it from this machine only, or use the command line.");
        } else if (!isLoopback(servletRequest.getRemoteAddr())) {
            deny(request, "This endpoint requires an ADMIN and is only open to clients on this machine.");
        }
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        // getRemoteAddr() is always a literal address; compare text rather than risk a name lookup.
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }

    private static void deny(ContainerRequestContext request, String message) {
        request.abortWith(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of("FORBIDDEN", message))
                .build());
    }
}
