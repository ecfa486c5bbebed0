package org.membergateway.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers on every response: member data must not be cached by browsers or proxies, sniffed into
 * another content type, or framed. Pages may load only the gateway's own scripts, styles and images
 * (no inline script or style, no other origin) and post forms only to the gateway; the API loads
 * nothing at all. Static assets carry their own long-lived cache header instead of {@code no-store}:
 * their paths change with every build.
 */
public final class SecurityHeaders implements ContainerResponseFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String path = request.getUriInfo().getPath();
        boolean api = path.startsWith("api/") || path.startsWith("/api/");
        boolean asset = path.startsWith("assets/") || path.startsWith("/assets/");
        if (!asset || response.getStatus() >= 400) {
            headers.putSingle("Cache-Control", "no-store");
            headers.putSingle("Pragma", "no-cache");
        }
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Content-Security-Policy", api ? API_POLICY : PAGE_POLICY);
    }
}
