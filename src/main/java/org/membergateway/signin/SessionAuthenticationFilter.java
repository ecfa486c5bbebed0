package org.membergateway.signin;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;
import org.glassfish.jersey.server.ContainerRequest;
import org.membergateway.http.AccessDeniedException;

/**
 * Authenticates a page request by its session cookie (registered for {@code @Page} resources by
 * {@link AccessControlFeature}). No session: a GET goes to the sign-in page, which comes back here
 * afterwards; anything else is refused. A POST must carry the session's CSRF token in its form
 * field {@code csrf}, or it is refused with 403 before the resource runs: nothing changes.
 */
final class SessionAuthenticationFilter implements ContainerRequestFilter {

    /** Request property holding the {@link WebSessions.Active} session, for the pages' forms. */
    static final String SESSION_PROPERTY = "member-gateway.session";

    private final WebSessions sessions;

    SessionAuthenticationFilter(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookies.SESSION);
        Optional<WebSessions.Active> session = cookie == null ? Optional.empty() : sessions.resolve(cookie.getValue());
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        if (session.isEmpty()) {
            if (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
                String next = request.getUriInfo().getRequestUri().getRawPath()
                        + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery());
                request.abortWith(Response.seeOther(UriBuilder.fromPath("/login").queryParam("next", next).build())
                        .cookie(SessionCookies.expired(SessionCookies.SESSION, "/", secure)).build());
                return;
            }
            throw new AccessDeniedException("SIGNED_OUT", "Your session has ended. Sign in again.");
        }
        request.setSecurityContext(new RequesterSecurityContext(session.get().requester(), secure));
        request.setProperty(SESSION_PROPERTY, session.get());
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())
                && !WebSessions.csrfMatches(session.get(), formCsrf(request))) {
            throw new AccessDeniedException("CSRF", "The form is out of date or was not sent from this site. Go back, "
                    + "reload the page and try again.");
        }
    }

    /** The form's {@code csrf} field, read from a buffered body so the resource reads the form again. */
    private static String formCsrf(ContainerRequestContext request) {
        if (!(request instanceof ContainerRequest container) || request.getMediaType() == null
                || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            return null;
        }
        container.bufferEntity();
        return container.readEntity(Form.class).asMap().getFirst("csrf");
    }
}
