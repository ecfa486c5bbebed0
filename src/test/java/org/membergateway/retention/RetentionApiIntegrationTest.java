package org.membergateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.exports.ExportKeyWrapping;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;

/** {@code POST /api/v1/retention/purge} over real HTTP, and the {@code purge} command on the same database. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RetentionApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-15";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String STAFF = basic("staff15", "staff-fifteen-password");
    static ApiClient api;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        TestPeople.create(api, ADMIN, "staff15", "Staff Fifteen", "staff-fifteen-password", "STAFF", null);
    }

    private static void expiredSession() {
        superuser.useHandle(h -> h.execute("""
                INSERT INTO web_sessions (token_digest, person_id, security_stamp, csrf_token, created_at, last_seen_at,
                    expires_at)
                SELECT sha256(CAST(gen_random_uuid()::text AS bytea)), id, 1, repeat('c', 43), now() - interval '2 days',
                    now() - interval '2 days', now() - interval '1 day' FROM people WHERE username = 'admin'"""));
    }

    @Test
    void anAdminsDryRunCountsPerRecordTypeAndThePurgeDisposesOfIt() {
        expiredSession();
        long sessions = TestDatabases.one(superuser, "SELECT count(*) FROM web_sessions", Long.class);

        HttpResponse<String> dry = api.post("/api/v1/retention/purge?dryRun=true", ADMIN, "application/json", "");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode report = ApiClient.json(dry);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        List<String> types = new ArrayList<>();
        report.get("records").fieldNames().forEachRemaining(types::add);
        assertThat(types).containsExactly("export-files", "seeds", "export-records", "list-request-justifications",
                "acknowledgements", "vendor-attestations", "web-sessions", "login-throttle", "voting-data");
        assertThat(report.get("records").get("web-sessions").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("schedule").asText()).startsWith("sha256:");
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM web_sessions", Long.class)).isEqualTo(sessions);

        HttpResponse<String> purge = api.post("/api/v1/retention/purge?dryRun=false", ADMIN, "application/json", "");
        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);
        JsonNode purged = ApiClient.json(purge);
        assertThat(purged.get("dryRun").asBoolean()).isFalse();
        assertThat(purged.get("records")).isEqualTo(report.get("records"));
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM audit_entries WHERE action = 'RETENTION_PURGE'"
                + " AND actor = 'admin' AND target = 'retention:web-sessions'", Long.class)).isOne();
    }

    @Test
    void thePurgeIsForAdminsAndDryRunMustBeSaid() {
        HttpResponse<String> staff = api.post("/api/v1/retention/purge?dryRun=true", STAFF, "application/json", "");
        assertThat(staff.statusCode()).isEqualTo(403);
        for (String query : List.of("", "?dryRun=", "?dryRun=yes", "?dryRun=TRUE")) {
            HttpResponse<String> bad = api.post("/api/v1/retention/purge" + query, ADMIN, "application/json", "");
            assertThat(bad.statusCode()).as(query).isEqualTo(400);
            JsonNode error = ApiClient.json(bad);
            assertThat(error.get("field").asText()).isEqualTo("dryRun");
            assertThat(error.get("error").asText()).isNotBlank();
        }
    }

    @Test
    void theWrappingKeyFileWasMadeOwnerOnlyAtFirstStart() throws Exception {
        Path file = APP.getConfiguration().dataPath().resolve("keys").resolve(ExportKeyWrapping.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void thePurgeCommandPrintsTheSameReport() throws Exception {
        expiredSession();
        GatewayConfiguration running = APP.getConfiguration();
        Map<String, String> overrides = Map.of(
                "dw.database.url", running.getDatabase().getUrl(),
                "dw.database.user", TestDatabases.APP_ROLE,
                "dw.database.migrationUser", "postgres",
                "dw.dataDir", running.dataPath().toString());
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        overrides.forEach(System::setProperty);
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            new GatewayApplication().run("purge", "--dry-run", "config/gateway.yml");
        } finally {
            System.setOut(out);
            overrides.keySet().forEach(System::clearProperty);
        }
        String line = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no report in: " + printed));
        JsonNode report = ApiClient.JSON.readTree(line);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("records").get("web-sessions").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("schedule").asText()).startsWith("sha256:");
    }
}
