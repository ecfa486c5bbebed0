package org.membergateway.web;

import static org.membergateway.testing.PageSession.hidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.PageSession;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The page sessions over raw HTTP, where every header can be seen: the cookie's flags, forms
 * refused without their token (and nothing changed), sessions that end, an API that never takes
 * the cookie, and the strict Content-Security-Policy and {@code lang} on every page.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebSessionsIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-sessions";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        TestPeople.create(new ApiClient(APP.getLocalPort()), basic("admin", ADMIN_PASSWORD), "officer83", "Officer 83",
                "officer-83-password", "LOCAL_OFFICER", "L083");
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path));
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    static HttpResponse<String> post(String path, String cookies, String body) {
        return send(at(path).header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().allValues("Set-Cookie")));
    }

    static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    /** Signs in through the form; returns the session cookie as a Cookie header value. */
    static String signIn() {
        return PageSession.signIn(APP.getLocalPort(), "officer83", "officer-83-password");
    }

    static long sessions() {
        return TestDatabases.one(superuser, "SELECT count(*) FROM web_sessions", Long.class);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndNotReadableByScript() {
        HttpResponse<String> form = send(at("/login"));
        String loginCookie = value(cookie(form, "mg_login"));
        HttpResponse<String> signedIn = post("/login", "mg_login=" + loginCookie, form("username", "officer83",
                "password", "officer-83-password", "csrf", hidden(form.body(), "csrf"), "next", "/"));
        String session = cookie(signedIn, "mg_session");
        assertThat(session).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .as("served over plain HTTP here, so not Secure").doesNotContain("Secure");
        assertThat(value(session)).hasSize(43);
        byte[] digest = TestDatabases.one(superuser, "SELECT token_digest FROM web_sessions ORDER BY id DESC LIMIT 1", byte[].class);
        assertThat(new String(digest, StandardCharsets.ISO_8859_1)).as("the database keeps only a keyed hash")
                .doesNotContain(value(session));
    }

    @Test
    void theLoginFormIsRefusedWithoutItsToken() {
        long before = sessions();
        HttpResponse<String> forged = post("/login", "", form("username", "officer83", "password", "officer-83-password",
                "csrf", "forged", "next", "/"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("mg_session="));
        assertThat(sessions()).isEqualTo(before);
    }

    @Test
    void aFormPostedWithoutTheSessionsTokenIsRefusedAndChangesNothing() {
        String session = signIn();
        HttpResponse<String> noToken = post("/logout", session, "");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        HttpResponse<String> wrongToken = post("/logout", session, form("csrf", "x".repeat(43)));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(send(at("/").header("Cookie", session)).statusCode()).as("still signed in").isEqualTo(200);

        String csrf = hidden(send(at("/").header("Cookie", session)).body(), "csrf");
        assertThat(post("/logout", session, form("csrf", csrf)).statusCode()).isEqualTo(303);
        assertThat(send(at("/").header("Cookie", session)).statusCode()).as("signed out").isEqualTo(303);
    }

    @Test
    void theApiNeverTakesTheSessionCookie() {
        String session = signIn();
        assertThat(send(at("/api/v1/me").header("Cookie", session)).statusCode()).isEqualTo(401);
        HttpResponse<String> write = send(at("/api/v1/decisions").header("Cookie", session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(write.statusCode()).isEqualTo(401);
    }

    @Test
    void anIdleSessionEndsAndSoDoesOneWhosePersonChanged() {
        String idle = signIn();
        superuser.useHandle(h -> h.execute("UPDATE web_sessions SET last_seen_at = now() - interval '31 minutes'"
                + " WHERE id = (SELECT max(id) FROM web_sessions)"));
        HttpResponse<String> late = send(at("/").header("Cookie", idle));
        assertThat(late.statusCode()).isEqualTo(303);
        assertThat(late.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?next="));

        String changed = signIn();
        superuser.useHandle(h -> h.execute("UPDATE people SET security_stamp = security_stamp + 1 WHERE username = 'officer83'"));
        assertThat(send(at("/").header("Cookie", changed)).statusCode()).as("a new password or role ends it").isEqualTo(303);
    }

    @Test
    void everyPageHasItsLanguageAndTheStrictPolicy() {
        String session = signIn();
        for (String path : List.of("/login", "/", "/no-such-page", "/?lang=vi")) {
            HttpResponse<String> page = send(at(path).header("Cookie", session));
            assertThat(page.body()).as(path).containsPattern("<html lang=\"(en|vi)\"");
            assertThat(page.body()).as(path).doesNotContain("style=\"").doesNotContainPattern("<script>(?!</script>)");
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(page.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        assertThat(send(at("/no-such-page").header("Cookie", session)).statusCode()).isEqualTo(404);
    }
}
