package org.membergateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.TestDatabases.one;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
