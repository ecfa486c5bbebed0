package org.membergateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * PostgreSQL stops under a running gateway and starts again on the same data directory and port:
 * while it is down every request is refused cleanly (503) and /healthcheck is red; once it is back
 * the same gateway instance serves again without a restart, and the audit trail verifies. Its own
 * PostgreSQL server, not the suite's shared one, since this test stops it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DatabaseRestartFaultIntegrationTest {

    static final String ADMIN_PASSWORD = "db-restart-admin-pw";
    static final Path PG_DIR = Path.of(GatewayTestApp.tempDir("restart-pg"));
    static final int PG_PORT = freePort();
    static EmbeddedPostgres postgres = startPostgres();
    static final String URL = createDatabase();
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.sharing(URL,
            GatewayTestApp.tempDir("restart-gw"), ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president83", "president-83-password");
    static final String AUDITOR = basic("auditor83", "auditor-83-password");
    static final Map<String, Object> ASK = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L083"),
            "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "home_email"),
            "justification", "Bargaining update");
    static ApiClient api;
    static ApiClient adminPort;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(PG_DIR).setCleanDataDirectory(false).setPort(PG_PORT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + TestDatabases.APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            s.execute("CREATE DATABASE gateway ENCODING 'UTF8' TEMPLATE template0");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + PG_PORT + "/gateway";
    }

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        adminPort = new ApiClient(APP.getAdminPort());
        Jdbi superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(URL, "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "president83", "Test president83", "president-83-password", "LOCAL_PRESIDENT", "L083");
        TestPeople.create(api, admin, "auditor83", "Test auditor83", "auditor-83-password", "AUDITOR", null);
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                PRESIDENT, "Test president83");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        // After the extension's own stop would be better, but the gateway tolerates a database gone at shutdown.
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void whileTheDatabaseIsDownEverythingIs503AndTheSameInstanceRecoversWhenItIsBack() throws Exception {
        assertThat(api.postJson("/api/v1/list-requests", PRESIDENT, ASK).statusCode()).isEqualTo(201);
        assertThat(adminPort.get("/healthcheck", null).statusCode()).isEqualTo(200);

        postgres.close();
        postgres = null;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = api.postJson("/api/v1/list-requests", PRESIDENT, ASK);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(json(refused).path("error").asText()).isIn("UNAVAILABLE", "AUDIT_UNAVAILABLE");
            HttpResponse<String> read = api.get("/api/v1/list-requests", PRESIDENT);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(503);
        }
        assertThat(adminPort.get("/healthcheck", null).statusCode()).isEqualTo(500);

        postgres = startPostgres();
        // Bounded wait for the pool to find the server again; then every request must succeed.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (adminPort.get("/healthcheck", null).statusCode() != 200) {
            assertThat(System.nanoTime()).as("healthy again within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT, ASK);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        }
        HttpResponse<String> verified = api.get("/api/v1/audit/verification", AUDITOR);
        assertThat(json(verified).path("valid").asBoolean()).as(verified.body()).isTrue();
    }
}
