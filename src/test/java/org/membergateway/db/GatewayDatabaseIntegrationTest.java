package org.membergateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.TestDatabases.one;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.GatewayConfiguration;

/** The embedded default: starts under the data dir, is durable, keeps data, refuses a second user. */
class GatewayDatabaseIntegrationTest {

    @TempDir
    Path dataDir;

    private GatewayConfiguration embeddedConfiguration() {
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.setDataDir(dataDir.toString());
        return configuration;
    }

    @Test
    void embeddedDatabaseIsDurableMigratedAndKeepsDataAcrossRestarts() {
        try (GatewayDatabase database = embeddedConfiguration().openDatabase()) {
            assertThat(database.isEmbedded()).isTrue();
            Jdbi jdbi = database.jdbi();
            // The library's defaults switch these off; the audit trail and member data need them on.
            assertThat(one(jdbi, "SHOW fsync", String.class)).isEqualTo("on");
            assertThat(one(jdbi, "SHOW synchronous_commit", String.class))
                    .isEqualTo("on");
            assertThat(one(jdbi, "SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
                    .isGreaterThanOrEqualTo(1);
            jdbi.useHandle(h -> h.execute("INSERT INTO regions (id, name) VALUES ('R1', 'Portland Metro')"));
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (GatewayDatabase restarted = embeddedConfiguration().openDatabase()) {
            Jdbi jdbi = restarted.jdbi();
            assertThat(one(jdbi, "SELECT name FROM regions WHERE id = 'R1'", String.class)).isEqualTo("Portland Metro");
        }
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsRefusedWithAClearMessage() {
        try (GatewayDatabase first = embeddedConfiguration().openDatabase()) {
            assertThatThrownBy(() -> embeddedConfiguration().openDatabase())
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("in use by another gateway process");
            assertThat(one(first.jdbi(), "SELECT 1", Integer.class))
                    .isEqualTo(1);
        }
    }

    @Test
    void theEmbeddedDatabaseAsksEveryConnectionForThePasswordKeptMode600UnderKeys() throws Exception {
        try (GatewayDatabase database = embeddedConfiguration().openDatabase()) {
            String url = database.redactedUrl();
            for (String role : List.of("postgres", GatewayDatabase.EMBEDDED_APP_ROLE)) {
                assertThatThrownBy(() -> connect(url, role, null)).as(role)
                        .isInstanceOf(PSQLException.class).hasMessageContaining("password");
                assertThatThrownBy(() -> connect(url, role, "not-the-password")).as(role)
                        .isInstanceOf(PSQLException.class).hasMessageContaining("password authentication failed");
            }
            // With the kept password, it answers.
            String superuser = Files.readString(dataDir.resolve("keys").resolve(EmbeddedDatabaseSecrets.SUPERUSER_FILE)).strip();
            try (Connection c = connect(url, "postgres", superuser)) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(one(database.jdbi(), "SELECT current_user", String.class)).isEqualTo(GatewayDatabase.EMBEDDED_APP_ROLE);
        }
        for (String file : List.of(EmbeddedDatabaseSecrets.SUPERUSER_FILE, EmbeddedDatabaseSecrets.APPLICATION_FILE)) {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("keys").resolve(file))).as(file)
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        assertThat(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
    }

    @Test
    void aClusterThatTrustedLocalConnectionsIsLockedWithPasswordsAndKeepsItsData() throws Exception {
        // As the gateway created its cluster before it asked for passwords: the library's initdb -A trust.
        Path cluster = dataDir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(cluster).setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE gateway ENCODING 'UTF8' TEMPLATE template0");
        }
        try (GatewayDatabase database = embeddedConfiguration().openDatabase()) {
            database.jdbi().useHandle(h -> h.execute("INSERT INTO regions (id, name) VALUES ('R1', 'Portland Metro')"));
            assertThatThrownBy(() -> connect(database.redactedUrl(), "postgres", null))
                    .isInstanceOf(PSQLException.class).hasMessageContaining("password");
        }
        try (GatewayDatabase restarted = embeddedConfiguration().openDatabase()) {
            assertThat(one(restarted.jdbi(), "SELECT name FROM regions WHERE id = 'R1'", String.class))
                    .isEqualTo("Portland Metro");
            assertThatThrownBy(() -> connect(restarted.redactedUrl(), "postgres", null))
                    .isInstanceOf(PSQLException.class).hasMessageContaining("password");
        }
    }

    @Test
    void aPasswordProtectedClusterWhosePasswordFilesAreGoneIsRefusedWithAClearMessage() throws Exception {
        embeddedConfiguration().openDatabase().close();
        Files.delete(dataDir.resolve("keys").resolve(EmbeddedDatabaseSecrets.SUPERUSER_FILE));
        assertThatThrownBy(() -> embeddedConfiguration().openDatabase())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining(EmbeddedDatabaseSecrets.SUPERUSER_FILE)
                .hasMessageContaining("missing");
    }

    private static Connection connect(String url, String user, String password) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    @Test
    void anUnreachableExternalDatabaseFailsWithoutLeakingCredentials() {
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.getDatabase().setUrl("jdbc:postgresql://127.0.0.1:1/gateway?password=s3cret");
        configuration.getDatabase().setUser("gateway");
        assertThatThrownBy(() -> configuration.openDatabase())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/gateway")
                .hasMessageNotContaining("s3cret");
    }
}
