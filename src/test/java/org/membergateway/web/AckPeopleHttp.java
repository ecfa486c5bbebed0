package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Raw HTTP to the pages of the acknowledgement, leaders and people tests, with a session signed in
 * through the form as a browser would, and the union's leaders written into the member table.
 */
final class AckPeopleHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final int port;

    AckPeopleHttp(int port) {
        this.port = port;
    }

    /** Signs in through {@code /login}; returns the session as a Cookie header value. */
    String signIn(String username, String password) {
        HttpResponse<String> form = get("/login", "");
        String loginCookie = value(cookie(form, "mg_login"));
        HttpResponse<String> signedIn = post("/login", "mg_login=" + loginCookie, form("username", username,
                "password", password, "csrf", hidden(form.body(), "csrf"), "next", "/"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return "mg_session=" + value(cookie(signedIn, "mg_session"));
    }

    HttpResponse<String> get(String path, String cookies) {
        HttpRequest.Builder request = at(path);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path, String cookies) {
        return send(at(path).header("Cookie", cookies), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String cookies, String body) {
        HttpRequest.Builder request = at(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The session's form token, read from a page that has a form. */
    String csrf(String cookies) {
        return hidden(get("/", cookies).body(), "csrf");
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    /**
     * A steward or worksite leader of {@code local} (or, with neither, an ordinary member), with
     * the contact details the leaders page may show and a home email it must never show.
     */
    static void leader(Jdbi superuser, String memberId, String first, String last, String local, boolean steward,
                       boolean worksiteLeader) {
        superuser.useHandle(h -> h.execute("""
                        INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, employer,
                                             worksite, membership_status, home_email, work_email, mobile_phone,
                                             steward, worksite_leader)
                        SELECT ?, ?, ?, id, region_id, employer_group_id, 'Dept of ' || ?, 'Site ' || ?, 'MEMBER',
                               lower(?) || '@home.example', lower(?) || '@work.example', '503-555-' || right(?, 4), ?, ?
                        FROM locals WHERE id = ?""",
                memberId, first, last, local, last, first, first, memberId, steward, worksiteLeader, local));
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
