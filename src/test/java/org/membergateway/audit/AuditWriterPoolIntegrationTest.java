package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jdbi.v3.core.Handle;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;

/**
 * Requests hold a pooled connection while they wait for their audit entry to commit. With the
 * writer drawing from the same pool, as many parallel audited requests as the pool has
 * connections left it none, and every one of them waited out its commit timeout. Here four times
 * the pool's size arrive at once: each must be answered (created, or a clean 503) well before the
 * commit timeout, and the trail must verify afterwards.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditWriterPoolIntegrationTest {

    static final int POOL_SIZE = 4;
    static final int PARALLEL = 4 * POOL_SIZE;
    static final String ADMIN_PASSWORD = "pool-admin-password-1";
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String AUDITOR = basic("pool-auditor", "pool-auditor-password");

    // Both timeouts are beyond the wait for the parallel requests: a writer starved of connections
    // shows as a hang there, not as a quick run of 503s.
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("database.maxPoolSize", String.valueOf(POOL_SIZE)),
            ConfigOverride.config("database.checkoutTimeout", "15s"),
            ConfigOverride.config("audit.commitTimeout", "120s"));

    static ApiClient api;
    static Jdbi superuser;
    static ExecutorService clients;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        assertThat(api.postJson("/api/v1/people", ADMIN, person("pool-auditor", "pool-auditor-password", "AUDITOR"))
                .statusCode()).isEqualTo(201);
        clients = Executors.newFixedThreadPool(PARALLEL);
    }

    @AfterAll
    static void tearDown() {
        clients.shutdownNow();
    }

    static Map<String, Object> person(String username, String password, String role) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("username", username);
        person.put("displayName", "Pool " + username);
        person.put("password", password);
        person.put("roles", List.of(role));
        return person;
    }

    @Test
    void fourTimesThePoolSizeInParallelAreAllAnsweredAndTheTrailVerifies() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            String username = "pool-staff-" + i;
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return api.postJson("/api/v1/people", ADMIN, person(username, "pool-staff-password", "STAFF"));
            }, clients));
        }
        go.countDown();
        // Bounded: a writer starved of connections holds these for the checkout timeout (15 s) or longer.
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        int created = 0;
        for (int i = 0; i < PARALLEL; i++) {
            HttpResponse<String> answer = answers.get(i).get();
            String target = "person:pool-staff-" + i;
            assertThat(answer.statusCode()).as(answer.body()).isIn(201, 503);
            if (answer.statusCode() == 201) {
                created++;
                assertThat(audited(target)).as(target).isEqualTo(1);
            } else {
                JsonNode error = json(answer);
                assertThat(error.path("error").asText()).isNotEmpty();
                assertThat(error.path("message").asText()).isNotEmpty();
                assertThat(exists("pool-staff-" + i)).as("refused, so not created").isFalse();
            }
        }
        assertThat(created).as("created").isPositive();

        JsonNode verification = json(api.get("/api/v1/audit/verification", AUDITOR));
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void aRequestThatGetsNoPooledConnectionIsAnswered503() {
        Jdbi pool = APP.<GatewayApplication>getApplication().services().jdbi();
        List<Handle> held = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                held.add(pool.open());
            }
            HttpResponse<String> refused = api.postJson("/api/v1/people", ADMIN,
                    person("pool-refused", "pool-staff-password", "STAFF"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            JsonNode error = json(refused);
            assertThat(error.path("error").asText()).isEqualTo("UNAVAILABLE");
            assertThat(error.path("message").asText()).isNotEmpty();
        } finally {
            held.forEach(Handle::close);
        }
        assertThat(exists("pool-refused")).isFalse();
        assertThat(api.postJson("/api/v1/people", ADMIN, person("pool-refused", "pool-staff-password", "STAFF"))
                .statusCode()).isEqualTo(201);
    }

    static long audited(String target) {
        return superuser.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND target = :t")
                .bind("t", target).mapTo(Long.class).one());
    }

    static boolean exists(String username) {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM people WHERE username = :u")
                .bind("u", username).mapTo(Long.class).one()) > 0;
    }
}
