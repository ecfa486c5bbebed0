package org.membergateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;

/**
 * The lockout under a burst of concurrent guesses over real HTTP: the attempts are counted before
 * any password is checked, so no more passwords are verified than the lockout allows, however many
 * arrive at once, and the right password arriving during the lock neither gets in nor clears it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConcurrentSignInIntegrationTest {

    static final String ADMIN_PASSWORD = "concurrent-admin-password";
    static final String RIGHT = "racer-right-password";
    static final int MAX_FAILURES = 5;
    static final int GUESSES = 100;

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("auth.lockout.maxFailures", String.valueOf(MAX_FAILURES)),
            // Longer than the test: the lock must not end on its own while it is checked.
            ConfigOverride.config("auth.lockout.duration", "10m"),
            ConfigOverride.config("auth.lockout.maxDuration", "1h"));

    static ApiClient api;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        HttpResponse<String> created = api.postJson("/api/v1/people", basic("admin", ADMIN_PASSWORD), Map.of(
                "username", "racer", "displayName", "Test racer", "password", RIGHT, "roles", List.of("MEMBER")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static long argon2() {
        return APP.<GatewayApplication>getApplication().services().authenticator().argon2Computations();
    }

    @Test
    void aBurstOfGuessesVerifiesNoMorePasswordsThanTheLockoutAllows() throws Exception {
        long before = argon2();
        ExecutorService pool = Executors.newFixedThreadPool(GUESSES);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < GUESSES; i++) {
                String guess = basic("racer", "wrong-guess-number-" + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.get("/api/v1/me", guess).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        long verified = argon2() - before;
        System.out.printf("%d concurrent wrong passwords: %d verified (Argon2id runs), answers %s%n", GUESSES,
                verified, statuses);
        assertThat(verified).as("passwords verified out of %d concurrent guesses", GUESSES).isLessThanOrEqualTo(MAX_FAILURES);
        assertThat(statuses.keySet()).as("refused as wrong or locked, nothing else").isSubsetOf(401, 429);
        assertThat(statuses.getOrDefault(401, 0)).isLessThanOrEqualTo(MAX_FAILURES);
        assertThat(lockouts()).as("one lock, recorded once").isEqualTo(1);

        long afterBurst = argon2();
        HttpResponse<String> right = api.get("/api/v1/me", basic("racer", RIGHT));
        assertThat(right.statusCode()).as("the right password during the lock").isEqualTo(429);
        assertThat(ApiClient.json(right).path("error").asText()).isEqualTo("LOCKED");
        assertThat(argon2()).as("refused before any hashing").isEqualTo(afterBurst);
        assertThat(api.get("/api/v1/me", basic("racer", RIGHT)).statusCode()).as("the lock is still there").isEqualTo(429);
        long locked = superuser.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM login_throttle WHERE locked_until > now()").mapTo(Long.class).one());
        assertThat(locked).as("the lock is in the database for every instance").isEqualTo(1);
    }

    static long lockouts() {
        return superuser.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_entries WHERE action = 'LOCKOUT' AND actor = 'racer'").mapTo(Long.class).one());
    }
}
