package org.membergateway.http;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Refuses HEAD on every {@link CountedRead} GET, before anything else runs (authentication
 * included, so not even a sign-in is spent on it): 405 with {@code Allow: GET} and the usual
 * error body (which HTTP never sends in answer to a HEAD).
 */
public final class HeadRefusedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(CountedRead.class)) {
            // By class, so that Jersey injects the servlet request.
            context.register(RefuseHead.class, Priorities.AUTHENTICATION - 100);
        }
    }

    @Priority(Priorities.AUTHENTICATION - 100)
    public static final class RefuseHead implements ContainerRequestFilter {
        // Jersey routes a HEAD to the GET with the request's method rewritten to GET: only the
        // servlet request still says what the client sent.
        @Context
        private HttpServletRequest servletRequest;

        @Override
        public void filter(ContainerRequestContext request) {
            if (HttpMethod.HEAD.equals(request.getMethod()) || HttpMethod.HEAD.equals(servletRequest.getMethod())) {
                request.abortWith(Response.status(405).allow(HttpMethod.GET).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ErrorResponse.of("METHOD_NOT_ALLOWED",
                                "HEAD would use up a download; ask with GET, which is counted and audited."))
                        .build());
            }
        }
    }
}
