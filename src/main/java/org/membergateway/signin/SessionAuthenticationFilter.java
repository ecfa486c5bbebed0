package org.membergateway.signin;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Optional;
import org.glassfish.jersey.server.ContainerRequest;
import org.membergateway.http.AccessDeniedException;
import org.membergateway.http.MultipartForm;

/**
 * Authenticates a page request by its session cookie (registered for {@code @Page} resources by
 * {@link AccessControlFeature}). No session: a GET goes to the sign-in page, which comes back here
 * afterwards; anything else is refused. A POST must carry the session's CSRF token in its form
 * field {@code csrf} (urlencoded, or multipart with the token before any file), or it is refused with
 * 403 before the resource runs: nothing changes.
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
        if (request.getMediaType() != null && "multipart".equalsIgnoreCase(request.getMediaType().getType())) {
            return multipartCsrf(request);
        }
        if (!(request instanceof ContainerRequest container) || request.getMediaType() == null
                || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            return null;
        }
        container.bufferEntity();
        return container.readEntity(Form.class).asMap().getFirst("csrf");
    }

    /**
     * The {@code csrf} field of a multipart form (a page that takes a file), which must come before
     * any file: the pages put it first, as browsers send fields in the form's order. Only the first
     * {@link #MULTIPART_PEEK} bytes are read, and handed back in front of the rest of the body for
     * the resource, so a file is never held here. No token there, or a body that is not multipart
     * as announced: null, which refuses the request.
     */
    private static String multipartCsrf(ContainerRequestContext request) {
        InputStream body = request.getEntityStream();
        Recording recorded = new Recording(body, MULTIPART_PEEK);
        String csrf = null;
        try {
            Optional<MultipartForm> form = MultipartForm.of(request.getMediaType(), recorded);
            if (form.isPresent()) {
                for (Optional<MultipartForm.Part> part = form.get().next(); part.isPresent(); part = form.get().next()) {
                    if (part.get().isFile()) {
                        break;
                    }
                    if ("csrf".equals(part.get().name())) {
                        csrf = MultipartForm.text(part.get(), 512).strip();
                        break;
                    }
                }
            }
        } catch (IOException e) {
            csrf = null;
        }
        request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(recorded.bytes()), body));
        return csrf;
    }

    /** How much of a multipart body is read to find its token: the fields before the file. */
    static final int MULTIPART_PEEK = 64 * 1024;

    /** Keeps the bytes read through it, and ends (as if the body did) after {@code max}. */
    private static final class Recording extends InputStream {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Recording(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            if (kept.size() >= max) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                kept.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int room = max - kept.size();
            if (room <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, Math.min(length, room));
            if (n > 0) {
                kept.write(buffer, offset, n);
            }
            return n;
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
