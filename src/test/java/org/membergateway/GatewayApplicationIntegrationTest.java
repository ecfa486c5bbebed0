package org.membergateway;

import org.membergateway.testing.TempDirectories;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.members.MemberCsv;
import org.membergateway.testing.TestPostgres;

/** The real server over real HTTP: health, OpenAPI, the member import endpoint and its guard. */
@ExtendWith(DropwizardExtensionsSupport.class)
class GatewayApplicationIntegrationTest {

    private static final String HEADER = String.join(",", MemberCsv.COLUMNS) + "\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "integration-admin-password";
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    static final DropwizardAppExtension<GatewayConfiguration> APP = new DropwizardAppExtension<>(
            GatewayApplication.class, "config/gateway.yml",
            ConfigOverride.config("database.url", TestPostgres::newDatabase),
            ConfigOverride.config("database.user", "postgres"),
            ConfigOverride.config("dataDir", () -> tempDir().toString()),
            // Member import needs a signed-in ADMIN: the bootstrap administrator.
            ConfigOverride.config("auth.bootstrapAdminPassword", ADMIN_PASSWORD),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"));

    private final HttpClient http = HttpClient.newHttpClient();

    private static Path tempDir() {
        return TempDirectories.create("gateway-it");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postCsv(String csv) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/members/import"))
                        .header("Content-Type", "text/csv; charset=utf-8")
                        .header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String row(String id, String birthDate) {
        return String.join(",", id, "Lan", "Pham", "L083", "R2", "STATE_AGENCIES", "Oregon Department of Transportation",
                "ODOT Salem", "Transportation Maintenance Specialist 2", "FAIR_SHARE", "false", "12 Oak Ave",
                "Salem", "OR", "97301", "", "(971) 555-0123", "", "lan.pham@dot.example.org", birthDate,
                "Vietnamese", "false", "false") + "\n";
    }

    @Test
    void healthCheckAnswersOnTheAdminPort() throws Exception {
        HttpResponse<String> health = get(APP.getAdminPort(), "/healthcheck");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("postgresql").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void metricsAreServedOnTheAdminPort() throws Exception {
        HttpResponse<String> metrics = get(APP.getAdminPort(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("org.membergateway.members.MembersResource.importMembers");
    }

    @Test
    void theLogLevelTaskCannotTurnOnDebugLoggingNorSilenceTheAuditCopy() throws Exception {
        ch.qos.logback.classic.LoggerContext logback = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        for (String query : java.util.List.of("logger=org.eclipse.jetty&level=DEBUG", "logger=ROOT&level=TRACE",
                "logger=org.eclipse.jetty.server&level=ALL", "logger=org.membergateway.audit.trail&level=OFF",
                "logger=org.membergateway.audit.trail&level=WARN", "logger=org.membergateway.audit.trail",
                "logger=org.flywaydb&logger=org.membergateway.audit.trail&level=ERROR")) {
            HttpResponse<String> task = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/log-level?" + query))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(task.statusCode()).as(query).isNotEqualTo(200);
        }
        assertThat(logback.getLogger("org.eclipse.jetty").isDebugEnabled()).isFalse();
        assertThat(logback.getLogger("org.eclipse.jetty.server").isDebugEnabled()).isFalse();
        assertThat(logback.getLogger("ROOT").isDebugEnabled()).isFalse();
        assertThat(logback.getLogger("org.membergateway.audit.trail").getEffectiveLevel())
                .isEqualTo(ch.qos.logback.classic.Level.INFO);
        assertThat(logback.getLogger("org.flywaydb").getEffectiveLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);

        // Quieting another logger still works.
        HttpResponse<String> quiet = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort()
                        + "/tasks/log-level?logger=org.flywaydb&level=ERROR"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(quiet.statusCode()).isEqualTo(200);
        assertThat(logback.getLogger("org.flywaydb").getEffectiveLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
        logback.getLogger("org.flywaydb").setLevel(ch.qos.logback.classic.Level.WARN);
    }

    @Test
    void openApiDocumentListsTheImportEndpoint() throws Exception {
        HttpResponse<String> response = get(APP.getLocalPort(), "/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("paths").has("/api/v1/members/import")).isTrue();
        assertThat(doc.path("paths").path("/api/v1/members/import").has("post")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/openapi.json")).isFalse();
    }

    @Test
    void importAnswersCountsAndRejectsABadFileNamingLineAndColumn() throws Exception {
        HttpResponse<String> ok = postCsv(HEADER + row("T1", "1970-01-31") + row("T2", ""));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode counts = JSON.readTree(ok.body());
        assertThat(counts.path("inserted").asLong()).isEqualTo(2);
        assertThat(counts.path("updated").asLong()).isZero();
        assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> bad = postCsv(HEADER + row("T3", "") + row("T4", "1970-02-30"));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(bad.body());
        assertThat(error.path("error").asText()).isEqualTo("INVALID_CSV");
        assertThat(error.path("line").asLong()).isEqualTo(3);
        assertThat(error.path("column").asText()).isEqualTo("birth_date");
        assertThat(error.path("message").asText()).contains("nothing was imported").doesNotContain("1970-02-30");

        HttpResponse<String> again = postCsv(HEADER + row("T3", ""));
        assertThat(JSON.readTree(again.body()).path("inserted").asLong())
                .as("T3 from the rejected file was not kept").isEqualTo(1);
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws Exception {
        byte[] latin1 = (HEADER + row("T9", "").replace("Pham", "Ph\u00e1m")).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/members/import"))
                .header("Content-Type", "text/csv").header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asText()).contains("not valid UTF-8");
    }
}
