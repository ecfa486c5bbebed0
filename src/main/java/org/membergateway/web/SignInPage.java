package org.membergateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ClientAddress;
import org.membergateway.http.Page;
import org.membergateway.signin.AuthenticationFailure;
import org.membergateway.signin.SessionCookies;
import org.membergateway.signin.WebSessions;

/**
 * {@code /login} and {@code /logout}. The form counts towards the same lockout as the API and
 * never says whether a username exists. Before sign-in there is no session, so the form's token is
 * checked against a cookie set with it (double submit): another site cannot post it.
 */
@Path("/")
@Page
@Produces(MediaType.TEXT_HTML)
public final class SignInPage {

    private final Pages pages;
    private final WebSessions sessions;

    public SignInPage(Pages pages, WebSessions sessions) {
        this.pages = pages;
        this.sessions = sessions;
    }

    /** The sign-in form's data. */
    public static final class View extends PageView {
        private final String loginToken;
        private final String username;
        private final String next;
        private final String message;

        View(PageContext page, List<FormError> errors, String loginToken, String username, String next, String message) {
            super("login.ftlh", page, page.messages().get("login.title"), errors);
            this.loginToken = loginToken;
            this.username = username;
            this.next = next;
            this.message = message;
        }

        public String getLoginToken() {
            return loginToken;
        }

        public String getUsername() {
            return username;
        }

        public String getNext() {
            return next;
        }

        public String getMessage() {
            return message;
        }
    }

    @GET
    @Path("login")
    @PermitAll
    public Response form(@Context ContainerRequestContext request, @QueryParam("next") String next) {
        return form(request, List.of(), "", safeNext(next), null, 200);
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@Context ContainerRequestContext request, @FormParam("username") String username,
                           @FormParam("password") String password, @FormParam("csrf") String csrf,
                           @FormParam("next") String next, @CookieParam(SessionCookies.LOGIN_CSRF) String expected) {
        PageContext page = pages.context(request);
        if (csrf == null || expected == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII))) {
            return form(request, List.of(), username == null ? "" : username, safeNext(next),
                    page.messages().get("login.expired"), 403);
        }
        String name = username == null ? "" : username.strip();
        if (name.isEmpty() || password == null || password.isEmpty()) {
            return form(request, List.of(
                    new PageView.FormError(name.isEmpty() ? "username" : "password", page.messages().get(
                            name.isEmpty() ? "login.usernameMissing" : "login.passwordMissing"))),
                    name, safeNext(next), null, 400);
        }
        char[] secret = password.toCharArray();
        try {
            WebSessions.Started started = sessions.signIn(name, secret, ClientAddress.of(request));
            return Response.seeOther(URI.create(safeNext(next)))
                    .cookie(SessionCookies.session(started.token(), secure(request)),
                            SessionCookies.expired(SessionCookies.LOGIN_CSRF, "/login", secure(request)))
                    .build();
        } catch (AuthenticationFailure failure) {
            String message = switch (failure.kind()) {
                case LOCKED -> page.messages().get("login.locked", Math.max(1, (failure.retryAfter().toSeconds() + 59) / 60));
                case BUSY -> page.messages().get("login.busy");
                case MALFORMED, BAD_CREDENTIALS -> page.messages().get("login.wrong");
            };
            int status = failure.kind() == AuthenticationFailure.Kind.LOCKED ? 429
                    : failure.kind() == AuthenticationFailure.Kind.BUSY ? 503 : 401;
            return form(request, List.of(new PageView.FormError("username", message)), name, safeNext(next), null, status);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    @POST
    @Path("logout")
    @RolesAllowed(RoleNames.PERSON)
    public Response signOut(@Context ContainerRequestContext request) {
        sessions.signOut(WebSessions.of(request));
        return Response.seeOther(URI.create("/login"))
                .cookie(SessionCookies.expired(SessionCookies.SESSION, "/", secure(request))).build();
    }

    private Response form(ContainerRequestContext request, List<PageView.FormError> errors, String username, String next,
                          String message, int status) {
        String token = sessions.randomToken();
        return Response.status(status)
                .entity(new View(pages.context(request), errors, token, username, next, message))
                .cookie(SessionCookies.loginCsrf(token, secure(request)))
                .build();
    }

    /** Only a path of this site: a sign-in link cannot send anyone elsewhere. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20) || next.length() > 500 || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private static boolean secure(ContainerRequestContext request) {
        return request.getSecurityContext() != null && request.getSecurityContext().isSecure();
    }
}
