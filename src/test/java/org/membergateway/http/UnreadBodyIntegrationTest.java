package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.testing.GatewayTestApp;

/**
 * A request refused before its body is read gets {@code Connection: close}, so no client reuses a
 * connection the server is about to drop; one whose body was read keeps its connection. The body
 * is held back on a raw socket, as a slow network would, so the case does not depend on timing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnreadBodyIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-u";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);

    /** Sends the request line and headers only, and returns the response's header lines. */
    private static List<String> headersOfAnswerBeforeTheBody(String method, String path, String authorization,
                                                             int contentLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readHeaders(socket.getInputStream());
        }
    }

    private static List<String> readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response headers ended: " + head);
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return List.of(head.toString(StandardCharsets.US_ASCII).trim().split("\r\n"));
    }

    private static boolean announcesClose(List<String> headers) {
        return headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).replace(" ", "").equals("connection:close"));
    }

    @Test
    void aRefusalBeforeTheBodyIsReadSaysTheConnectionCloses() throws IOException {
        List<String> unauthenticated = headersOfAnswerBeforeTheBody("POST", "/api/v1/vendors", null, 2_000);
        assertThat(unauthenticated.get(0)).contains(" 401 ");
        assertThat(announcesClose(unauthenticated)).as(String.join("\n", unauthenticated)).isTrue();

        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<String> noSuchResource = headersOfAnswerBeforeTheBody("PUT", "/api/v1/vendors/1/agreements/1", admin, 2_000);
        assertThat(noSuchResource.get(0)).containsAnyOf(" 404 ", " 405 ");
        assertThat(announcesClose(noSuchResource)).as(String.join("\n", noSuchResource)).isTrue();
    }

    @Test
    void aRequestWhoseBodyWasReadKeepsItsConnection() throws IOException {
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        byte[] body = "{\"username\": 7".getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/people HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + admin + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            List<String> headers = readHeaders(socket.getInputStream());
            assertThat(headers.get(0)).contains(" 400 ");
            assertThat(announcesClose(headers)).as(String.join("\n", headers)).isFalse();
        }
    }
}
