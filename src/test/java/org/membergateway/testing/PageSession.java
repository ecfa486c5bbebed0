package org.membergateway.testing;

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

/**
 * Signing in to the pages as a browser does (GET /login for its cookie and token, POST the form),
 * and reading what pages hand back: hidden form fields and cookies. Shared by the page tests.
 */
public final class PageSession {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private PageSession() {
    }

    /** The value of the hidden field {@code name} in a page (the first one); fails the test when there is none. */
    public static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    /** {@code name=value} of the cookie a response sets, without its attributes; fails the test when it sets none. */
    public static String setCookie(HttpResponse<?> response, String name) {
        String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in "
                        + response.headers().allValues("Set-Cookie")));
        int end = header.indexOf(';');
        return end < 0 ? header : header.substring(0, end);
    }

    /** Just the value of the cookie a response sets. */
    public static String cookieValue(HttpResponse<?> response, String name) {
        String cookie = setCookie(response, name);
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    /**
     * Signs in through the login form of the gateway on {@code port}.
     *
     * @return the session cookie as a Cookie header value, {@code mg_session=<token>}
     */
    public static String signIn(int port, String username, String password) {
        HttpResponse<String> form = send(at(port, "/login"));
        String login = setCookie(form, "mg_login");
        HttpResponse<String> signedIn = send(at(port, "/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", login).POST(HttpRequest.BodyPublishers.ofString("username="
                        + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + hidden(form.body(), "csrf")
                        + "&next=%2F")));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return setCookie(signedIn, "mg_session");
    }

    private static HttpRequest.Builder at(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
