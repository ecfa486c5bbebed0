package org.membergateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.GatewayApplication;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Role;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.demo.DemoAccounts;
import org.membergateway.demo.PublishedDemoPasswords;
import org.membergateway.exports.ExportKeyWrapping;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;
import org.membergateway.testing.TestPostgres;

/**
 * {@code server} as an operator runs it (a separate JVM, its exit status and what it says): it
 * refuses what only the demo may run with.
 */
class GatewayServerCommandTest {

    static final PasswordHasher HASHER = new PasswordHasher(new PasswordHasher.Parameters(1024, 1, 1));

    @TempDir
    Path dataDir;

    record Finished(int exitCode, String output) {
    }

    @Test
    void withoutADatabaseUrlAndWithoutTheFlagServerRefusesTheEmbeddedDatabase() throws Exception {
        Path config = config("  url: ''");
        Finished refused = server(config);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("server: no database configured (GATEWAY_DATABASE_URL is empty)")
                .contains("GATEWAY_ALLOW_EMBEDDED_DATABASE=true");
        assertThat(dataDir.resolve("postgres")).as("the embedded server was not even started").doesNotExist();
    }

    @Test
    void serverRefusesToStartWhileADemoAccountHasItsPublishedPassword() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            addPerson(db.superuser(), DemoAccounts.username(Role.ADMIN), DemoAccounts.password(Role.ADMIN));
            addPerson(db.superuser(), DemoAccounts.username(Role.AUDITOR), "a-password-nobody-published");
            Path config = config("  url: " + db.url(), "  user: " + TestDatabases.APP_ROLE, "  migrationUser: postgres");
            Finished refused = server(config);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("server: the demo account(s) demo-admin still have the passwords"
                    + " published in the README");
            assertThat(refused.output()).doesNotContain("demo-auditor");
        }
    }

    @Test
    void aBusyPortIsOneLineNamingItsSettingAndANonZeroExitBeforeTheDatabaseStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path config = config(taken.getLocalPort(), "server-command-test-passphrase", "  url: ''", "  allowEmbedded: true");
            Finished refused = server(config);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output().strip()).isEqualTo("server: port " + taken.getLocalPort()
                    + " is in use (GATEWAY_HTTP_PORT): another program on 127.0.0.1 listens there. Stop it, or set"
                    + " GATEWAY_HTTP_PORT to a free port.");
            assertThat(dataDir.resolve("postgres")).as("the embedded server was not even started").doesNotExist();
        }
    }

    @Test
    void aMissingRequiredSettingIsOneLineNamingIt() throws Exception {
        // An external database (never reached: the key is opened first) needs a configured key passphrase.
        Path config = config(0, "", "  url: jdbc:postgresql://127.0.0.1:1/none", "  user: nobody");
        Finished refused = server(config);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output().strip().lines()).as(refused.output()).hasSize(1)
                .first().asString().startsWith("server: Set GATEWAY_OPENPGP_PASSPHRASE (openpgp.keyPassphrase)");
    }

    /**
     * A healthy start of {@code server} with config/gateway.yml and every setting production asks for,
     * then a stop by SIGTERM: nothing in the output for the operator to act on, no WARN or ERROR line
     * (Jersey's included), and the stop signs its last checkpoint.
     */
    @Test
    void aHealthyStartAndACleanStopPrintNoWarningOrError() throws Exception {
        String url = TestPostgres.newMigratedDatabaseForAppRole();
        int port = freePort();
        int adminPort = freePort();
        Path output = dataDir.resolve("server-output.txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GatewayApplication.class.getName(), "server", "config/gateway.yml")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_DATA_DIR", dataDir.toString());
        env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
        env.put("GATEWAY_ADMIN_PORT", Integer.toString(adminPort));
        env.put("GATEWAY_DATABASE_URL", url);
        env.put("GATEWAY_DATABASE_USER", TestDatabases.APP_ROLE);
        env.put("GATEWAY_DATABASE_PASSWORD", "");
        env.put("GATEWAY_DATABASE_MIGRATION_USER", "postgres");
        env.put("GATEWAY_OPENPGP_PASSPHRASE", "server-command-test-passphrase");
        env.put("GATEWAY_API_KEY_SECRET", "server-command-test-api-key-secret-0123456789");
        env.put("GATEWAY_EXPORT_WRAPPING_KEY", ExportKeyWrapping.generate().stored());
        env.put("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD", "server-command-test-admin-password");
        env.put("GATEWAY_ARGON2_MEMORY_KIB", "1024");
        env.put("GATEWAY_ARGON2_ITERATIONS", "1");
        // Only the stop signs a checkpoint: its log line is the stop's.
        env.put("GATEWAY_AUDIT_CHECKPOINT_ENTRIES", "10000000");
        env.put("GATEWAY_AUDIT_CHECKPOINT_INTERVAL", "1d");
        Process process = builder.start();
        try {
            ApiClient admin = new ApiClient(adminPort);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!healthy(admin)) {
                assertThat(process.isAlive()).as("server exited while starting: %s", Files.readString(output)).isTrue();
                assertThat(System.nanoTime() - deadline).as("not healthy within 180 s: %s", Files.readString(output))
                        .isNegative();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            // An audited request, so the stop has an entry to sign.
            assertThat(new ApiClient(port).get("/api/v1/me", ApiClient.basic("admin", "server-command-test-admin-password"))
                    .statusCode()).isEqualTo(200);
            process.destroy(); // SIGTERM, as systemd, Docker and Ctrl-C stop it
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("stopped: %s", Files.readString(output)).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.startsWith("WARN") || line.startsWith("ERROR")
                || line.startsWith("WARNING") || line.contains("Exception"))).as(log).isEmpty();
        assertThat(log).contains("Starting member-gateway");
        // The stop signed a checkpoint over every entry (the log line saying so can be lost as the JVM exits).
        Jdbi database = GatewayDatabase.jdbi(TestDatabases.dataSource(url, "postgres"));
        long entries = TestDatabases.one(database, "SELECT coalesce(max(seq), 0) FROM audit_entries", Long.class);
        assertThat(entries).as(log).isPositive();
        assertThat(TestDatabases.one(database, "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoints", Long.class))
                .as("the last checkpoint covers every entry: %s", log).isEqualTo(entries);
    }

    private static boolean healthy(ApiClient admin) {
        try {
            return admin.get("/healthcheck", null).statusCode() == 200;
        } catch (RuntimeException notListeningYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aMasterKeyThatDoesNotOpenTheDatabasesKeysStopsTheStartWithOneLineAndChangesNothing() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            new org.membergateway.crypto.keystore.SealedKeys(db.app(), org.membergateway.crypto.keystore.MasterKey.ofBase64(
                    "Aq8m1Vd0s3pX5b7Kc9e2Rf4Tg6Yh8Ui0Oa1Sd3Fg5Hk="), java.time.Clock.systemUTC())
                    .getOrCreate("audit-checkpoint", "Ed25519-PKCS8", java.util.Optional::empty,
                            org.membergateway.crypto.Ed25519KeyFile::generatePkcs8);
            Path config = config("  url: " + db.url(), "  user: " + TestDatabases.APP_ROLE, "  migrationUser: postgres",
                    "keys:", "  masterKey: Bq8m1Vd0s3pX5b7Kc9e2Rf4Tg6Yh8Ui0Oa1Sd3Fg5Hk=");
            Finished refused = server(config);
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("server: GATEWAY_MASTER_KEY does not open the key 'audit-checkpoint' v1")
                    .doesNotContain("\tat org.").doesNotContain("Bq8m1Vd0");
            long sealed = db.superuser().withHandle(h -> h.createQuery("SELECT count(*) FROM sealed_keys")
                    .mapTo(Long.class).one());
            assertThat(sealed).as("no key made over the old one").isEqualTo(1);
            assertThat(dataDir.resolve("keys").resolve("audit-checkpoint-ed25519.enc.pk8")).doesNotExist();
        }
    }

    @Test
    void aDemoNamedAccountCountsOnlyWhileItsStoredHashMatchesThePublishedPassword() {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            assertThat(PublishedDemoPasswords.stillPublished(db.app(), HASHER)).isEmpty();
            addPerson(db.superuser(), DemoAccounts.username(Role.STEWARD), DemoAccounts.password(Role.STEWARD));
            addPerson(db.superuser(), DemoAccounts.username(Role.MEMBER), "changed-after-the-demo-1");
            addPerson(db.superuser(), "not-a-demo-account", DemoAccounts.password(Role.ADMIN));
            assertThat(PublishedDemoPasswords.stillPublished(db.app(), HASHER)).containsExactly("demo-steward");
            db.superuser().useHandle(h -> h.createUpdate("UPDATE people SET password_hash = :h WHERE username = 'demo-steward'")
                    .bind("h", HASHER.hash("a-new-steward-password".toCharArray())).execute());
            assertThat(PublishedDemoPasswords.stillPublished(db.app(), HASHER)).isEmpty();
        }
    }

    private static void addPerson(Jdbi superuser, String username, String password) {
        superuser.useHandle(h -> h.createUpdate(
                        "INSERT INTO people (username, display_name, password_hash) VALUES (:u, :u, :h)")
                .bind("u", username).bind("h", HASHER.hash(password.toCharArray())).execute());
    }

    private Path config(String... databaseLines) throws IOException {
        return config(0, "server-command-test-passphrase", databaseLines);
    }

    private Path config(int httpPort, String passphrase, String... databaseLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of("dataDir: " + dataDir, "database:"));
        lines.addAll(List.of(databaseLines));
        lines.addAll(List.of(
                "openpgp:",
                "  keyPassphrase: '" + passphrase + "'",
                "server:",
                "  applicationConnectors:",
                "    - type: http",
                "      bindHost: 127.0.0.1",
                "      port: " + httpPort,
                "  adminConnectors:",
                "    - type: http",
                "      bindHost: 127.0.0.1",
                "      port: 0",
                "logging:",
                "  level: WARN",
                ""));
        Path config = dataDir.resolve("gateway.yml");
        Files.writeString(config, String.join("\n", lines));
        return config;
    }

    /** Runs {@code server config} in a child JVM to completion (bounded: a server that starts fails the test). */
    private Finished server(Path config) throws Exception {
        Path output = dataDir.resolve("server-output.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GatewayApplication.class.getName(), "server", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("server did not stop within 120 s: " + Files.readString(output));
        }
        return new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
