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
                "acknowledgements", "vendor-attestations", "web-sessions", "login-throttle", "voting-data",
                "election-material");
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

    /** Runs a command of the jar against the running test app's database and data directory; returns what it printed. */
    private static String runCommand(String... args) throws Exception {
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
            new GatewayApplication().run(args);
        } finally {
            System.setOut(out);
            overrides.keySet().forEach(System::clearProperty);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePurgeCommandPrintsTheSameReport() throws Exception {
        expiredSession();
        String printed = runCommand("purge", "--dry-run", "config/gateway.yml");
        String line = printed.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no report in: " + printed));
        JsonNode report = ApiClient.JSON.readTree(line);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("records").get("web-sessions").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("schedule").asText()).startsWith("sha256:");
    }

    /**
     * Rotating the export wrapping key is in the audit trail: the new and previous key ids with the
     * count of data keys rewrapped, then the retired ids; never the keyset. (The running test app
     * keeps the keyset it started with; nothing in this class reads an export afterwards.)
     */
    @Test
    void rotatingTheWrappingKeyIsAuditedWithKeyIdsAndCountsOnly() throws Exception {
        Path file = APP.getConfiguration().dataPath().resolve("keys").resolve(ExportKeyWrapping.FILE_NAME);
        ExportKeyWrapping before = ExportKeyWrapping.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
        long oldPrimary = Integer.toUnsignedLong(before.primaryKeyId());
        long liveKeys = TestDatabases.one(superuser, "SELECT count(*) FROM export_blobs WHERE data_key IS NOT NULL", Long.class);
        long auditBefore = TestDatabases.one(superuser, "SELECT coalesce(max(seq), 0) FROM audit_entries", Long.class);

        String printed = runCommand("export-wrapping-rotate", "--retire-old", "config/gateway.yml");

        ExportKeyWrapping after = ExportKeyWrapping.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
        long newPrimary = Integer.toUnsignedLong(after.primaryKeyId());
        assertThat(newPrimary).isNotEqualTo(oldPrimary);
        assertThat(after.keyIds()).containsExactly(newPrimary);
        assertThat(printed).contains("New primary wrapping key " + newPrimary);
        List<Map<String, Object>> entries = superuser.withHandle(h -> h.createQuery("""
                SELECT actor, target, decision, row_count, reasons::text AS reasons, policy_version, export_digest
                FROM audit_entries WHERE seq > :before AND action = 'KEY_ROTATION' ORDER BY seq""")
                .bind("before", auditBefore).mapToMap().list());
        assertThat(entries).extracting(e -> e.get("actor") + " " + e.get("decision") + " " + e.get("target") + " rows="
                + e.get("row_count")).containsExactly(
                "cli ROTATED export-wrapping-key:" + newPrimary + ";previous:" + oldPrimary + " rows=" + liveKeys,
                "cli RETIRED export-wrapping-key:" + newPrimary + ";retired:" + oldPrimary + " rows=1");
        String keyset = Files.readString(file, StandardCharsets.US_ASCII).strip();
        String oldKeyset = before.stored().strip();
        assertThat(entries.toString()).as("no key material in the trail").doesNotContain(keyset).doesNotContain(oldKeyset)
                .doesNotContain(keyset.substring(0, 16)).doesNotContain(oldKeyset.substring(0, 16));
    }
}
