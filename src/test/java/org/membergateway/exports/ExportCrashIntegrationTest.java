package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;
import org.membergateway.testing.TestPostgres;

/**
 * kill -9 of the gateway in the middle of a large export: no plaintext anywhere on its disk, no
 * export that can be downloaded, no ciphertext left in the store, and an audit trail that verifies.
 * The gateway runs as a child JVM (the real server command) against a test database.
 */
class ExportCrashIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-crash";
    static final int MEMBERS = 400_000;

    @TempDir
    Path dataDir;

    @Test
    void aGatewayKilledMidExportLeavesNothingReadableAndAVerifiableTrail() throws Exception {
        String url = TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE);
        Jdbi superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(url, "postgres"));
        int port = freePort();
        Process gateway = start(url, port, "server");
        Process killed = null;
        try {
            ApiClient api = new ApiClient(port);
            awaitUp(api, gateway);
            loadMembers(superuser);
            String director = basic("ed", "executive-director-pw");
            HttpResponse<String> person = api.postJson("/api/v1/people", basic("admin", ADMIN_PASSWORD), Map.of(
                    "username", "ed", "displayName", "Executive Director", "password", "executive-director-pw",
                    "roles", List.of("EXECUTIVE_DIRECTOR")));
            assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
            for (JsonNode document : json(api.get("/api/v1/acknowledgements/status?username=ed", director)).path("documents")) {
                HttpResponse<String> signed = api.postJson("/api/v1/acknowledgements", director, Map.of(
                        "documentId", document.path("documentId").asText(), "version", document.path("version").asText(),
                        "language", "en", "typedName", "Executive Director"));
                assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
            }
            HttpResponse<String> asked = api.postJson("/api/v1/list-requests", director, Map.of(
                    "purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "STATEWIDE", "id", "ALL"),
                    "audience", "REPRESENTED_WORKERS", "channel", "EMAIL",
                    "fields", List.of("first_name", "last_name", "home_email", "preferred_language")));
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
            long requestId = json(asked).path("id").asLong();

            CompletableFuture<HttpResponse<String>> export = CompletableFuture.supplyAsync(() ->
                    api.postJson("/api/v1/list-requests/" + requestId + "/exports", director, Map.of("encryption", "PASSPHRASE")));
            try {
                awaitProgress(api, director, requestId);
            } catch (AssertionError e) {
                Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                        Long.toString(gateway.pid())).redirectErrorStream(true).start();
                String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError(e.getMessage() + "\nDUMP\n" + dump, e);
            }
            gateway.destroyForcibly(); // SIGKILL, mid-export
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killed = gateway;
            assertThat(gateway.exitValue()).isEqualTo(137);
            assertThat(export.handle((r, e) -> r == null ? -1 : r.statusCode()).get(30, TimeUnit.SECONDS)).isNotEqualTo(201);

            awaitNoGatewaySessions(superuser);
            Map<String, Object> row = superuser.withHandle(h -> h.createQuery(
                    "SELECT status, blob_id, rows_written FROM exports").mapToMap().one());
            assertThat(row.get("status")).as("never READY, so never downloadable").isEqualTo("BUILDING");
            assertThat(row.get("blob_id")).isNull();
            assertThat((Long) row.get("rows_written")).isPositive().isLessThan(MEMBERS);
            assertThat(count(superuser, "SELECT count(*) FROM export_blobs")).as("the store's row rolled back").isZero();
            assertThat(count(superuser, "SELECT count(*) FROM pg_largeobject_metadata")).as("no large object survives").isZero();
            assertThat(filesContaining(dataDir, "m1234@example.org")).as("no plaintext on the gateway's disk").isEmpty();

            ProcessBuilder verify = command(url, port, "audit-verify").redirectErrorStream(true);
            Process verifier = verify.start();
            String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verifier.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(verifier.exitValue()).as(output).isZero();
        } finally {
            if (killed == null) {
                gateway.destroyForcibly();
            }
        }
    }

    private Process start(String url, int port, String command) throws IOException {
        return command(url, port, command).redirectOutput(dataDir.resolve("gateway.out").toFile())
                .redirectErrorStream(true).start();
    }

    private ProcessBuilder command(String url, int port, String command) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GatewayApplication.class.getName(), command, "config/gateway.yml");
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_DATABASE_URL", url);
        env.put("GATEWAY_DATABASE_USER", TestDatabases.APP_ROLE);
        env.put("GATEWAY_DATABASE_MIGRATION_USER", "postgres");
        env.put("GATEWAY_DATA_DIR", dataDir.toString());
        env.put("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEWAY_OPENPGP_PASSPHRASE", "crash-test-key-passphrase");
        env.put("GATEWAY_API_KEY_SECRET", "crash-test-api-key-secret-0123456789abcdef");
        env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
        env.put("GATEWAY_ADMIN_PORT", Integer.toString(freePort()));
        return builder;
    }

    private static void loadMembers(Jdbi superuser) {
        UnionFixture.in(superuser).local("L001", "R1", "STATE");
        superuser.useHandle(h -> {
            h.execute("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                         home_email, preferred_language)
                    SELECT 'M' || lpad(i::text, 7, '0'), 'First' || i, 'Last' || i, 'L001', 'R1', 'STATE', 'MEMBER',
                           'm' || i || '@example.org', 'en'
                    FROM generate_series(1, %d) AS i""".formatted(MEMBERS));
        });
    }

    private static void awaitUp(ApiClient api, Process gateway) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(gateway.isAlive()).as("the gateway exited while starting").isTrue();
            try {
                if (api.get("/api/v1/keys/openpgp", null).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway did not start in 90 s");
    }

    private static void awaitProgress(ApiClient api, String who, long requestId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode exports = null;
        while (Instant.now().isBefore(deadline)) {
            exports = json(api.get("/api/v1/list-requests/" + requestId, who)).path("exports");
            if (exports.size() > 0 && exports.get(0).path("rowsWritten").asLong() > 0) {
                assertThat(exports.get(0).path("status").asText()).isEqualTo("BUILDING");
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the export never reported progress: " + exports);
    }

    /** PostgreSQL rolls back a dead client's transaction once it notices the connection is gone. */
    private static void awaitNoGatewaySessions(Jdbi superuser) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (count(superuser, "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + TestDatabases.APP_ROLE + "'") == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the killed gateway's sessions did not end");
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static List<Path> filesContaining(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (indexOf(bytes, needle) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
