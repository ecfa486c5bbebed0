package org.membergateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pages over raw HTTP, as a browser without JavaScript uses them: a signed-in session (its
 * cookie, in English, and the token its forms carry), GETs with it and form POSTs, redirects not
 * followed so that every status can be seen. Shared by the page tests that look at bytes.
 */
public final class PageForms {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private PageForms() {
    }

    /** A signed-in browser of the gateway on {@code port}: its cookies and the token its forms carry. */
    public record Session(int port, String cookie, String csrf) {

        /** The same browser sending another token (a stale or forged form). */
        public Session withCsrf(String other) {
            return new Session(port, cookie, other);
        }
    }

    /**
     * Signs {@code username} in through the form with the test convention's password
     * ({@code <username>-password}), pages in English.
     */
    public static Session signIn(int port, String username) {
        String cookie = PageSession.signIn(port, username, username + "-password") + "; mg_lang=en";
        return new Session(port, cookie, PageSession.hidden(get("/", new Session(port, cookie, null)).body(), "csrf"));
    }

    public static HttpRequest.Builder at(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    public static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path, Session session) {
        return send(at(session.port(), path).header("Cookie", session.cookie()), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST of {@code pairs} (name, value, name, value...), URL-encoded, not yet sent. */
    public static HttpRequest.Builder posting(String path, Session session, String... pairs) {
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            encoded.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return at(session.port(), path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session.cookie()).POST(HttpRequest.BodyPublishers.ofString(String.join("&", encoded)));
    }

    public static HttpResponse<String> post(String path, Session session, String... pairs) {
        return send(posting(path, session, pairs), HttpResponse.BodyHandlers.ofString());
    }

    /** The form fields with the session's token first. */
    public static String[] withToken(Session session, String... pairs) {
        String[] all = new String[pairs.length + 2];
        all[0] = "csrf";
        all[1] = session.csrf();
        System.arraycopy(pairs, 0, all, 2, pairs.length);
        return all;
    }
}
