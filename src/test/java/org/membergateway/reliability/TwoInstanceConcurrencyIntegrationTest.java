package org.membergateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.TestPostgres;
import org.membergateway.testing.UnionFixture;

/**
 * Two gateway instances on one database (as README "Several gateway instances may share one
 * database" describes: one data directory's keys, one API-key secret), 50 requesters at once, each
 * asking for four lists, alternately on one instance and the other (a fixed number of operations,
 * not a fixed time). Every answer has exactly one audit entry of its kind, the trail stays one
 * linear chain that both instances verify, and nothing deadlocks (every requester finishes within a
 * bounded wait). Exports are left out of the concurrent part: 50 at once exhaust even a 56-connection
 * pool (an export holds connections while it takes more), a known defect reported on its own.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoInstanceConcurrencyIntegrationTest {

    static final String ADMIN_PASSWORD = "two-instances-admin-pw";
    static final int REQUESTERS = 50;
    static final String URL = TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE);
    static final String DATA_DIR = GatewayTestApp.tempDir("two-instances");

    /*
     * More connections than requesters: request transactions wait for their audit entry while
     * holding a connection, and the audit writer draws from the same pool, so with the default 16
     * and 50 requesters the writer starves and requests are refused (503 after the 10 s commit
     * timeout). That is a known defect being fixed on its own; this test is about the chain.
     */
    static final String POOL = String.valueOf(REQUESTERS + 6);
    /*
     * With the default 10 s, 50 requesters on 2 loaded cores see some audit commits take longer and
     * are refused (503 AUDIT_UNAVAILABLE: fail closed, reported separately); a longer bound keeps this
     * test about ordering, not speed.
     */
    static final String COMMIT_TIMEOUT = "90s";
    // GatewayTestApp gives both the cheapest Argon2id: 50 people created and signed in twice is setup, not the test.
    static final DropwizardAppExtension<GatewayConfiguration> A = GatewayTestApp.sharing(URL, DATA_DIR, ADMIN_PASSWORD,
            ConfigOverride.config("exports.sweepEvery", "1h"), ConfigOverride.config("database.maxPoolSize", POOL),
            ConfigOverride.config("audit.commitTimeout", COMMIT_TIMEOUT));
    static final DropwizardAppExtension<GatewayConfiguration> B = GatewayTestApp.sharing(URL, DATA_DIR, ADMIN_PASSWORD,
            ConfigOverride.config("exports.sweepEvery", "1h"), ConfigOverride.config("database.maxPoolSize", POOL),
            ConfigOverride.config("audit.commitTimeout", COMMIT_TIMEOUT));

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String AUDITOR = basic("auditor2", "auditor-two-password");
    static ApiClient a;
    static ApiClient b;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        assertThat(A.getLocalPort()).isNotEqualTo(B.getLocalPort());
        assertThat(List.of(A.getConfiguration().getDatabase().getUrl(), B.getConfiguration().getDatabase().getUrl()))
                .containsOnly(URL);
        a = new ApiClient(A.getLocalPort());
        b = new ApiClient(B.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(URL, "postgres"));
        UnionFixture union = UnionFixture.in(superuser);
        for (int i = 0; i < REQUESTERS; i++) {
            union.local(local(i), "R3", "STATE_AGENCIES");
        }
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'C' || l || '-' || m, 'First' || m, 'Last' || m, 'L' || (100 + l), 'R3', 'STATE_AGENCIES', 'MEMBER',
                       'c' || l || '.' || m || '@example.org'
                FROM generate_series(0, 49) AS l, generate_series(1, 4) AS m"""));
        AcknowledgementService acknowledgements = A.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.create(a, ADMIN, "auditor2", "Auditor Two", "auditor-two-password", "AUDITOR", null);
        for (int i = 0; i < REQUESTERS; i++) {
            TestPeople.create(i % 2 == 0 ? a : b, ADMIN, username(i), "President " + i, password(i), "LOCAL_PRESIDENT", local(i));
            TestPeople.acknowledgeEverything(i % 2 == 0 ? b : a, acknowledgements, basic(username(i), password(i)),
                    "President " + i);
            // Warm each instance's verified-credential cache: 50 cold Argon2id checks at once are refused
            // as BUSY by design (a bounded number run at a time), which is not what this test is about.
            for (ApiClient instance : List.of(a, b)) {
                assertThat(instance.get("/api/v1/me", basic(username(i), password(i))).statusCode()).isEqualTo(200);
            }
        }
    }

    static String local(int i) {
        return "L" + (100 + i);
    }

    static String username(int i) {
        return "president" + i;
    }

    static String password(int i) {
        return "president-" + i + "-password";
    }

    /** What one requester was answered: the ids of its requests. */
    record Outcome(List<Long> requests) {
    }

    static Outcome work(int i, CountDownLatch start) throws InterruptedException {
        ApiClient first = i % 2 == 0 ? a : b;
        ApiClient second = i % 2 == 0 ? b : a;
        String me = basic(username(i), password(i));
        Map<String, Object> ask = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", local(i)),
                "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "home_email"),
                "justification", "Concurrent update " + i);
        start.await();
        List<Long> requests = new ArrayList<>();
        for (ApiClient on : List.of(first, second, first, second)) {
            HttpResponse<String> asked = on.postJson("/api/v1/list-requests", me, ask);
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
            requests.add(json(asked).path("id").asLong());
        }
        return new Outcome(requests);
    }

    @Test
    void fiftyRequestersOverTwoInstancesLeaveOneAuditEntryPerAnswerInOneLinearChain() throws Exception {
        long before = count("SELECT count(*) FROM audit_entries");
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < REQUESTERS; i++) {
            int requester = i;
            futures.add(pool.submit(() -> work(requester, start)));
        }
        start.countDown();
        pool.shutdown();
        // Bounded: a deadlock between the instances (or in one) shows as requesters that never finish.
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("every requester finished").isTrue();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get());
        }

        for (Outcome outcome : outcomes) {
            for (long request : outcome.requests()) {
                assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DECISION' AND target = ?",
                        "list-request:" + request)).as("decision of request %d", request).isEqualTo(1);
            }
        }
        // 4 answers per requester, each with its one entry, and nothing else written meanwhile.
        assertThat(count("SELECT count(*) FROM audit_entries") - before).isEqualTo(4L * REQUESTERS);

        // One linear chain: seq 1..n with no gap or duplicate, each entry linked to the one before it.
        long entries = count("SELECT count(*) FROM audit_entries");
        assertThat(count("SELECT count(DISTINCT seq) FROM audit_entries")).isEqualTo(entries);
        assertThat(count("SELECT min(seq) FROM audit_entries")).isEqualTo(1);
        assertThat(count("SELECT max(seq) FROM audit_entries")).isEqualTo(entries);
        assertThat(count("""
                SELECT count(*) FROM audit_entries e JOIN audit_entries p ON p.seq = e.seq - 1
                WHERE e.prev_hash IS DISTINCT FROM p.hash""")).as("entries not linked to their predecessor").isZero();
        assertThat(count("SELECT count(*) FROM (SELECT prev_hash FROM audit_entries GROUP BY prev_hash HAVING count(*) > 1) f"))
                .as("two entries linked to the same predecessor (a fork)").isZero();
        for (ApiClient instance : List.of(a, b)) {
            HttpResponse<String> verified = instance.get("/api/v1/audit/verification", AUDITOR);
            assertThat(verified.statusCode()).isEqualTo(200);
            assertThat(json(verified).path("valid").asBoolean()).as(verified.body()).isTrue();
        }
    }

    static long count(String sql, Object... args) {
        return superuser.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }
}
