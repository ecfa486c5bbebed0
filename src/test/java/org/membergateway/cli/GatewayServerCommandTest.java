package org.membergateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.GatewayApplication;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Role;
import org.membergateway.demo.DemoAccounts;
import org.membergateway.demo.PublishedDemoPasswords;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

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
        List<String> lines = new ArrayList<>(List.of("dataDir: " + dataDir, "database:"));
        lines.addAll(List.of(databaseLines));
        lines.addAll(List.of(
                "openpgp:",
                "  keyPassphrase: server-command-test-passphrase",
                "server:",
                "  applicationConnectors:",
                "    - type: http",
                "      bindHost: 127.0.0.1",
                "      port: 0",
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
