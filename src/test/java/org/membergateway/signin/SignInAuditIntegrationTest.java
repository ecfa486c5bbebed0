package org.membergateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditTally;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.ClockedGatewayApplication;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestDatabases;

/**
 * Failed sign-ins in the audit trail over real HTTP, on a clock the test moves: a flood from one
 * source is a bounded number of entries whose counts add up, a name that is no account is never
 * written in clear, a real account's failures stay visible under its name, and the first entry of a
 * window still fails closed. Windows of 5 minutes, at most 20 invented names per source and window.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInAuditIntegrationTest {

    static final String ADMIN_PASSWORD = "tally-admin-password";
    static final String REAL_PASSWORD = "real-one-right-password";
    static final int MAX_NAMES = 20;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final MutableClock CLOCK = ClockedGatewayApplication.CLOCK;

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(
            ClockedGatewayApplication.class, ADMIN_PASSWORD,
            ConfigOverride.config("audit.tallies.window", "5m"),
            ConfigOverride.config("audit.tallies.maxSubjectsPerSource", String.valueOf(MAX_NAMES)),
            // The test summarises by hand, after moving its clock.
            ConfigOverride.config("audit.tallies.summariseEvery", "1d"));

    static ApiClient api;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        HttpResponse<String> created = api.postJson("/api/v1/people", basic("admin", ADMIN_PASSWORD), Map.of(
                "username", "realone", "displayName", "Test realone", "password", REAL_PASSWORD, "roles", List.of("MEMBER")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static AuditTally tally() {
        return APP.<GatewayApplication>getApplication().services().refusals();
    }

    static long count(String sql, Object... binds) {
        return superuser.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < binds.length; i++) {
                query.bind(i, binds[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    static long loginFailureEntries() {
        return count("SELECT count(*) FROM audit_entries WHERE action = 'LOGIN_FAILURE'");
    }

    /** Moves the clock to one minute into the next window. */
    static void nextWindow() {
        long size = WINDOW.toMillis();
        long now = CLOCK.instant().toEpochMilli();
        CLOCK.advance(Duration.ofMillis(size - Math.floorMod(now, size)).plusMinutes(1));
    }

    @Test
    @Order(1)
    void aThousandFailuresFromOneSourceAreABoundedNumberOfEntriesWhoseCountsAddUp() {
        nextWindow();
        long before = loginFailureEntries();
        int badKeys = 1000;
        for (int i = 0; i < badKeys; i++) {
            HttpResponse<String> refused = api.get("/api/v1/vendor/me", bearer("mgw_not-a-real-key-" + i));
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        int inventedNames = 60;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inventedNames; i++) {
            String name = "invented-name-" + i + "@example.org";
            names.add(name);
            assertThat(api.get("/api/v1/me", basic(name, "some-wrong-password")).statusCode()).isEqualTo(401);
        }
        int realFailures = 3;
        for (int i = 0; i < realFailures; i++) {
            assertThat(api.get("/api/v1/me", basic("realone", "not-the-password-" + i)).statusCode()).isEqualTo(401);
        }
        int attempts = badKeys + inventedNames + realFailures;

        // During the window: the first of each key only. vendor:unknown, 20 names kept apart, the rest pooled, the account.
        long during = loginFailureEntries() - before;
        assertThat(during).as("entries for %d failures, during the window", attempts).isEqualTo(1 + MAX_NAMES + 1 + 1);

        nextWindow();
        int summaries = tally().summariseClosedWindows();
        assertThat(summaries).as("one summary per key tried more than once").isEqualTo(3);
        long total = loginFailureEntries() - before;
        long bound = 2L * (MAX_NAMES + 1) + 2L * 2;
        System.out.printf("%d failed sign-ins from one source: %d audit entries (bound %d)%n", attempts, total, bound);
        assertThat(total).as("entries for %d failures", attempts).isLessThanOrEqualTo(bound).isEqualTo(during + 3);

        // The counts add up: a key's summary carries all of its window, a key without one had a single failure.
        long counted = count("""
                SELECT coalesce(sum(row_count), 0) FROM audit_entries e WHERE action = 'LOGIN_FAILURE'
                AND (decision = 'TALLIED' OR NOT EXISTS (SELECT 1 FROM audit_entries s WHERE s.action = e.action
                     AND s.actor = e.actor AND s.target = e.target AND s.decision = 'TALLIED'))""");
        assertThat(counted).isEqualTo(attempts);
        assertThat(tallied("vendor:unknown")).isEqualTo(badKeys);
        assertThat(tallied(AuditTally.OTHERS)).isEqualTo(inventedNames - MAX_NAMES);
        assertThat(tallied("realone")).as("a real account's failures, under its name").isEqualTo(realFailures);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE actor = 'realone' AND decision = 'DENIED'"
                + " AND reasons = 'BAD_CREDENTIALS'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'LOGIN_FAILURE' AND actor LIKE 'name-hmac:%'"))
                .isEqualTo(MAX_NAMES);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'LOGIN_FAILURE'"
                + " AND target NOT LIKE 'source:127.0.0.1 window:%'")).as("each says where from and when").isZero();
        assertThat(count("SELECT count(*) FROM audit_tallies")).as("closed windows are forgotten").isZero();

        for (String name : names) {
            assertThat(count("""
                    SELECT count(*) FROM audit_entries WHERE strpos(actor || ' ' || coalesce(target, '') || ' '
                    || reasons || ' ' || coalesce(decision, '') || ' ' || coalesce(policy_version, ''), ?) > 0""", name))
                    .as("an invented name in clear").isZero();
        }
    }

    static long tallied(String actor) {
        return count("SELECT coalesce(sum(row_count), 0) FROM audit_entries WHERE action = 'LOGIN_FAILURE' AND actor = ?"
                + " AND decision = 'TALLIED'", actor);
    }

    @Test
    @Order(2)
    void aNameThatIsNoAccountIsLockedButNeitherItsLockNorTheNameIsWritten() {
        nextWindow();
        String ghost = "ghost-of-a-name";
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = api.get("/api/v1/me", basic(ghost, "wrong-password-" + i));
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'LOCKOUT'")).isZero();
        assertThat(count("SELECT count(*) FROM audit_entries WHERE strpos(actor || ' ' || coalesce(target, ''), ?) > 0",
                ghost)).isZero();
    }

    @Test
    @Order(3)
    void theFirstFailureOfAWindowStillFailsClosedAndItsCountIsNotLost() {
        nextWindow();
        superuser.useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + TestDatabases.APP_ROLE));
        try {
            HttpResponse<String> failure = api.get("/api/v1/me", basic("realone", "wrong-while-the-trail-is-down"));
            assertThat(failure.statusCode()).isEqualTo(503);
            assertThat(ApiClient.json(failure).path("error").asText()).isEqualTo("AUDIT_UNAVAILABLE");
        } finally {
            superuser.useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + TestDatabases.APP_ROLE));
        }
        long before = tallied("realone");
        nextWindow();
        tally().summariseClosedWindows();
        assertThat(tallied("realone")).as("the summary carries the failure the trail refused at first")
                .isEqualTo(before + 1);
    }

    @Test
    @Order(4)
    void malformedCredentialsAreTalliedUnderOneSubjectAndNothingSentIsKept() {
        nextWindow();
        long before = loginFailureEntries();
        String noColon = java.util.Base64.getEncoder().encodeToString("realone-no-colon-secret".getBytes());
        List<String> headers = List.of(
                "Basic %%%not-base64-secret%%%",
                "Basic " + noColon,
                "Basic " + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'}),
                // A look-alike of an account: Cyrillic 'о' in "realone"; not a username at all.
                basic("real\u043Ene", REAL_PASSWORD),
                basic("realone", ""),
                "Digest username=\"realone\"");
        int attempts = 0;
        for (int round = 0; round < 5; round++) {
            for (String header : headers) {
                HttpResponse<String> refused = api.get("/api/v1/me", header);
                assertThat(refused.statusCode()).as(header).isEqualTo(401);
                assertThat(refused.body()).contains("MALFORMED_CREDENTIALS");
                attempts++;
            }
        }
        assertThat(loginFailureEntries() - before).as("the first of the window only").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'LOGIN_FAILURE' AND actor = ?"
                + " AND reasons = 'MALFORMED_CREDENTIALS' AND decision = 'DENIED'", GatewayAuthenticator.MALFORMED_SUBJECT))
                .isEqualTo(1);
        nextWindow();
        tally().summariseClosedWindows();
        assertThat(tallied(GatewayAuthenticator.MALFORMED_SUBJECT)).isEqualTo(attempts);
        // The fragments of what was sent, not the word "secret" itself: the trail names the gateway's own
        // key "api-key-secret" when it is made, and that is no sign-in value.
        assertThat(count("""
                SELECT count(*) FROM audit_entries WHERE strpos(actor || ' ' || coalesce(target, '') || ' ' || reasons,
                'no-colon-secret') > 0 OR strpos(actor || ' ' || coalesce(target, '') || ' ' || reasons,
                'not-base64-secret') > 0 OR strpos(actor, 'real\u043Ene') > 0""")).as("nothing that was sent").isZero();
    }
}
