package org.membergateway.signin;

import jakarta.ws.rs.core.NewCookie;

/**
 * The cookies of the pages. The session cookie is HttpOnly (no script reads it), SameSite=Strict
 * (no other site's page sends it, which also stops cross-site form posts), and Secure when the page
 * was served over TLS (directly or behind a proxy that says so).
 */
public final class SessionCookies {

    public static final String SESSION = "mg_session";
    /** The login form's double-submit token: the form and this cookie must carry the same value. */
    public static final String LOGIN_CSRF = "mg_login";

    private SessionCookies() {
    }

    public static NewCookie session(String token, boolean secure) {
        return cookie(SESSION, token, "/", -1, secure);
    }

    public static NewCookie loginCsrf(String token, boolean secure) {
        return cookie(LOGIN_CSRF, token, "/login", -1, secure);
    }

    /** A cookie that tells the browser to forget {@code name}. */
    public static NewCookie expired(String name, String path, boolean secure) {
        return cookie(name, "", path, 0, secure);
    }

    private static NewCookie cookie(String name, String value, String path, int maxAge, boolean secure) {
        return new NewCookie.Builder(name).value(value).path(path).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
