package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.membergateway.GatewayConfiguration;
import org.membergateway.members.MemberCsv;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;

/**
 * Hostile and careless input to the JSON API over real HTTP: each is a 4xx in the one error body
 * {@code {error, message, field?}} that says what to fix, never a 5xx, a stack trace, Jersey's or
 * Dropwizard's own wording, or the value that was sent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileInputIntegrationTest {

    private static final String ADMIN_PASSWORD = "hostile-input-admin-password";
    private static final String ADMIN = ApiClient.basic("admin", ADMIN_PASSWORD);
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ERROR_KEYS = Set.of("error", "message", "field", "line", "column");
    private static final String MIB = "x".repeat(RequestBodyLimit.MAX_BYTES);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One hostile request: where it goes, what it sends, and the answer expected. */
    record Hostile(String name, String method, String path, String contentType, byte[] body, boolean chunked,
                   String accept, int status, String error, String messageContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Hostile post(String name, String path, String contentType, String body, int status, String error,
                                String messageContains) {
        return new Hostile(name, "POST", path, contentType, body.getBytes(StandardCharsets.UTF_8), false, null, status,
                error, messageContains);
    }

    private static Hostile decision(String name, String body, int status, String error, String messageContains) {
        return post(name, "/api/v1/decisions", "application/json", body, status, error, messageContains);
    }

    private static byte[] bytes(String prefix, byte[] middle, String suffix) {
        byte[] a = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] c = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    static Stream<Arguments> hostileRequests() {
        List<Hostile> cases = new ArrayList<>();
        String oversized = "{\"justification\": \"" + MIB + "\"}";
        cases.add(decision("a body over 1 MiB with its Content-Length", oversized, 413, "BODY_TOO_LARGE", "1 MiB"));
        cases.add(new Hostile("a body over 1 MiB, chunked", "POST", "/api/v1/decisions", "application/json",
                ("{\"fields\": [" + "\"first_name\",".repeat(RequestBodyLimit.MAX_BYTES / 13) + "\"x\"]}")
                        .getBytes(StandardCharsets.UTF_8), true, null, 413, "BODY_TOO_LARGE", "1 MiB"));
        cases.add(post("a person over 1 MiB", "/api/v1/people", "application/json", oversized, 413, "BODY_TOO_LARGE",
                "1 MiB"));
        // A typed field refuses the first bracket; the nesting limit itself is JsonLimitsTest's.
        cases.add(decision("deep nesting", "{\"scope\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                400, "INVALID_INPUT", "scope"));
        cases.add(decision("deep nesting at the top", "[".repeat(5000) + "]".repeat(5000), 400, null, "body"));
        cases.add(decision("a string longer than the limit",
                "{\"justification\": \"" + "j".repeat(JsonLimits.MAX_STRING_CHARS + 1) + "\"}", 400, "LIMIT_EXCEEDED",
                "longer than " + JsonLimits.MAX_STRING_CHARS));
        cases.add(decision("a number longer than the limit", "{\"campaignId\": " + "9".repeat(200) + "}", 400,
                "LIMIT_EXCEEDED", "number"));
        cases.add(decision("a field name longer than the limit",
                "{\"" + "n".repeat(JsonLimits.MAX_NAME_CHARS + 1) + "\": 1}", 400, "LIMIT_EXCEEDED", "field name"));
        cases.add(decision("a huge list of fields", "{\"purpose\": \"LOCAL_COMMUNICATION\", \"scope\": {\"type\": \"LOCAL\","
                + " \"id\": \"L001\"}, \"audience\": \"MEMBERS\", \"channel\": \"EMAIL\", \"fields\": ["
                + "\"first_name\",".repeat(60_000) + "\"last_name\"]}", 400, null, ""));
        cases.add(post("a huge list of roles", "/api/v1/people", "application/json", "{\"username\": \"huge\", "
                + "\"displayName\": \"Huge\", \"password\": \"a-long-enough-password\", \"roles\": ["
                + "\"STEWARD\",".repeat(60_000) + "\"STEWARD\"]}", 400, "INVALID_INPUT", "at most"));
        cases.add(new Hostile("invalid UTF-8", "POST", "/api/v1/decisions", "application/json",
                bytes("{\"justification\": \"", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "\"}"), false, null,
                400, "INVALID_JSON", "UTF-8"));
        cases.add(new Hostile("a raw NUL byte", "POST", "/api/v1/decisions", "application/json",
                bytes("{\"justification\": \"a", new byte[] {0}, "b\"}"), false, null, 400, "INVALID_JSON", "line 1"));
        cases.add(decision("an escaped NUL in a string", "{\"justification\": \"a\\u0000b\"}", 400, "INVALID_INPUT",
                "NUL"));
        cases.add(decision("a password with NUL", "{\"fields\": [\"first_name\\u0000\"]}", 400, "INVALID_INPUT", "NUL"));
        cases.add(decision("not JSON at all", "purpose=LOCAL_COMMUNICATION&secret-value", 400, "INVALID_JSON",
                "not valid JSON"));
        cases.add(decision("JSON cut short", "{\"purpose\": \"LOCAL_COMM", 400, "INVALID_JSON", "not valid JSON"));
        cases.add(decision("an empty body", "", 400, null, "body"));
        cases.add(post("text/plain instead of JSON", "/api/v1/decisions", "text/plain", "{}", 415,
                "UNSUPPORTED_MEDIA_TYPE", "application/json"));
        cases.add(post("XML instead of JSON", "/api/v1/people", "application/xml", "<person/>", 415,
                "UNSUPPORTED_MEDIA_TYPE", "application/json"));
        cases.add(post("a form instead of JSON", "/api/v1/list-requests", "application/x-www-form-urlencoded",
                "purpose=x", 415, "UNSUPPORTED_MEDIA_TYPE", "application/json"));
        cases.add(new Hostile("no Content-Type at all", "POST", "/api/v1/decisions", null,
                "{}".getBytes(StandardCharsets.UTF_8), false, null, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json"));
        cases.add(post("a members file as text/plain", "/api/v1/members/import", "text/plain",
                String.join(",", MemberCsv.COLUMNS) + "\n", 415, "UNSUPPORTED_MEDIA_TYPE", "text/csv"));
        cases.add(post("a members file sent with curl -d", "/api/v1/members/import", "application/x-www-form-urlencoded",
                String.join(",", MemberCsv.COLUMNS) + "M1,Lan,Pham", 415, "UNSUPPORTED_MEDIA_TYPE", "text/csv"));
        cases.add(new Hostile("GET on a POST-only endpoint", "GET", "/api/v1/decisions", null, null, false, null, 405,
                "METHOD_NOT_ALLOWED", "POST"));
        cases.add(new Hostile("DELETE on the API description", "DELETE", "/api/v1/openapi.json", null, null, false, null,
                405, "METHOD_NOT_ALLOWED", "DELETE is not allowed"));
        cases.add(new Hostile("an unknown path", "GET", "/api/v1/no-such-thing", null, null, false, null, 404,
                "NOT_FOUND", "/api/v1/openapi.json"));
        cases.add(new Hostile("an Accept the API cannot answer", "GET", "/api/v1/me", null, null, false,
                "application/xml", 406, "NOT_ACCEPTABLE", "application/json"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void everyHostileRequestIsA4xxInTheErrorShape(Hostile hostile) throws Exception {
        HttpResponse<String> response = send(hostile);

        assertThat(response.statusCode()).as(hostile.name()).isEqualTo(hostile.status());
        assertThat(response.headers().firstValue("Content-Type")).as(hostile.name()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertErrorShape(hostile.name(), body);
        if (hostile.error() != null) {
            assertThat(body.path("error").asText()).as(hostile.name()).isEqualTo(hostile.error());
        }
        assertThat(body.path("message").asText()).as(hostile.name()).contains(hostile.messageContains());
        assertThat(response.body()).as(hostile.name())
                .doesNotContain("Exception", "at org.", "at com.", "HTTP 4", "Unable to process JSON", "secret-value",
                        "jjjjjjjjjj", "nnnnnnnnnn", "99999999999");
    }

    static void assertErrorShape(String name, JsonNode body) {
        assertThat(body.isObject()).as(name).isTrue();
        assertThat(body.path("error").isTextual()).as(name + ": error").isTrue();
        assertThat(body.path("error").asText()).as(name).matches("[A-Z][A-Z_]+");
        assertThat(body.path("message").isTextual()).as(name + ": message").isTrue();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            assertThat(ERROR_KEYS).as(name).contains(it.next());
        }
    }

    @Test
    void aBodyUnderTheCapIsStillRead() throws Exception {
        // Just under 1 MiB of JSON is parsed (and refused for its content, not its size).
        String body = "{\"justification\": \"" + "y".repeat(JsonLimits.MAX_STRING_CHARS) + "\", \"fields\": ["
                + "\"first_name\",".repeat(50_000) + "\"last_name\"]}";
        assertThat(body.length()).isLessThan(RequestBodyLimit.MAX_BYTES);
        HttpResponse<String> response = send(decision("under the cap", body, 400, null, ""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isNotIn("BODY_TOO_LARGE", "LIMIT_EXCEEDED");
    }

    @Test
    void oversizedHeadersAre431InTheErrorShape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/me"))
                .header("Authorization", ADMIN).header("X-Filler", "f".repeat(20 * 1024)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(431);
        JsonNode body = JSON.readTree(response.body());
        assertErrorShape("431", body);
        assertThat(body.path("error").asText()).isEqualTo("HEADERS_TOO_LARGE");
        assertThat(body.path("message").asText()).contains("8 KiB");
    }

    @Test
    void pagesStillAnswerErrorsAsPages() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(uri("/no-such-page")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(missing.body()).contains("<html").doesNotContain("\"error\"")
                .as("the page says it in the reader's words, not the API's hint").doesNotContain("openapi.json");

        HttpResponse<String> huge = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=a&password=" + MIB)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(huge.body()).contains("<html").doesNotContain("xxxxxxxxxx");
    }

    private HttpResponse<String> send(Hostile hostile) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(hostile.path())).header("Authorization", ADMIN);
        if (hostile.contentType() != null) {
            builder.header("Content-Type", hostile.contentType());
        }
        if (hostile.accept() != null) {
            builder.header("Accept", hostile.accept());
        }
        HttpRequest.BodyPublisher body;
        if (hostile.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (hostile.chunked()) {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hostile.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(hostile.body());
        }
        builder.method(hostile.method(), body);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
    }
}
