package org.membergateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * GET /prometheus on the admin port of a running gateway, over real HTTP and parsed as the text
 * format: a decision of each kind, a built export of known rows and a lockout move exactly the
 * gateway's own series by what happened; every audited step adds to the append histogram, whose
 * buckets, sum and count are there; the Dropwizard registry's JVM, Jetty and pool families come
 * along; and no member value of the fixture, nor any username, appears anywhere in the text.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrometheusEndpointIntegrationTest {

    static final String ADMIN_PASSWORD = "metrics-admin-password";
    static final int MEMBERS = 7;
    static final int MAX_FAILURES = 3;
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("auth.lockout.maxFailures", Integer.toString(MAX_FAILURES)),
            ConfigOverride.config("exports.sweepEvery", "1h"));
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president93", "president-93-password");
    static final Map<String, Object> ASK = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L093"),
            "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "last_name", "home_email"),
            "justification", "Bargaining update");
    /** A local the president does not lead: denied. */
    static final Map<String, Object> ASK_ELSEWHERE = Map.of("purpose", "LOCAL_COMMUNICATION",
            "scope", Map.of("type", "LOCAL", "id", "L094"), "audience", "MEMBERS", "channel", "EMAIL",
            "fields", List.of("first_name", "home_email"), "justification", "Not my local");
    /** Member values that must never reach the exposition (nor usernames, below). */
    static final List<String> MEMBER_VALUES = List.of("Quynhmetric", "Trangexposed", "@metrics-members.test", "M93-");
    static ApiClient api;
    static ApiClient adminPort;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        adminPort = new ApiClient(APP.getAdminPort());
        Jdbi superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L093", "R3", "STATE_AGENCIES").local("L094", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'M93-' || i, 'Quynhmetric' || i, 'Trangexposed' || i, 'L093', 'R3', 'STATE_AGENCIES', 'MEMBER',
                       'member' || i || '@metrics-members.test'
                FROM generate_series(1, %d) AS i""".formatted(MEMBERS)));
        TestPeople.create(api, ADMIN, "president93", "Test president93", "president-93-password", "LOCAL_PRESIDENT", "L093");
        TestPeople.create(api, ADMIN, "lockme93", "Test lockme93", "lockme-93-password", "STAFF", null);
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                PRESIDENT, "Test president93");
    }

    /** One scrape, parsed: each sample line's series (name and labels as written) to its value. */
    record Exposition(String text, Map<String, Double> samples) {
        double value(String series) {
            Double value = samples.get(series);
            assertThat(value).as("series %s in the exposition", series).isNotNull();
            return value;
        }

        boolean hasFamily(String prefix) {
            return samples.keySet().stream().anyMatch(s -> s.startsWith(prefix));
        }
    }

    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)(?: \\d+)?$");

    static Exposition scrape() {
        HttpResponse<String> response = adminPort.get(PrometheusEndpoint.PATH, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line of the text format: %s", line).isTrue();
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return new Exposition(response.body(), samples);
    }

    static double delta(Exposition before, Exposition after, String series) {
        return after.value(series) - before.value(series);
    }

    @Test
    void decisionsAnExportAndALockoutAreCountedAndTheExpositionCarriesNoMemberData() {
        Exposition before = scrape();
        double appendsBefore = before.value("gateway_audit_append_seconds_count");

        HttpResponse<String> allowed = api.postJson("/api/v1/decisions", PRESIDENT, ASK);
        assertThat(json(allowed).path("status").asText()).as(allowed.body()).isEqualTo("APPROVED");
        HttpResponse<String> denied = api.postJson("/api/v1/decisions", PRESIDENT, ASK_ELSEWHERE);
        assertThat(json(denied).path("status").asText()).as(denied.body()).isEqualTo("DENIED");
        Exposition decided = scrape();
        assertThat(delta(before, decided, "gateway_decisions_total{outcome=\"ALLOW\"}")).isEqualTo(1.0);
        assertThat(delta(before, decided, "gateway_decisions_total{outcome=\"DENY\"}")).isEqualTo(1.0);
        assertThat(delta(before, decided, "gateway_decisions_total{outcome=\"REQUIRE_APPROVAL\"}")).isZero();
        assertThat(decided.value("gateway_audit_append_seconds_count") - appendsBefore)
                .as("each decision was audited, and each audit append timed").isGreaterThanOrEqualTo(2.0);

        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT, ASK);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        HttpResponse<String> built = api.postJson("/api/v1/list-requests/" + json(asked).path("id").asLong() + "/exports",
                PRESIDENT, Map.of("encryption", "PASSPHRASE"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
        long rows = json(built).path("rows").asLong();
        assertThat(rows).as("the members of the local, and the seed records among them").isGreaterThanOrEqualTo(MEMBERS);
        Exposition exported = scrape();
        assertThat(delta(decided, exported, "gateway_exports_total")).isEqualTo(1.0);
        assertThat(delta(decided, exported, "gateway_export_rows_total")).isEqualTo((double) rows);

        for (int i = 0; i < MAX_FAILURES + 2; i++) {
            HttpResponse<String> refused = api.get("/api/v1/me", basic("lockme93", "wrong-password-" + i));
            assertThat(refused.statusCode()).isIn(401, 429);
        }
        Exposition locked = scrape();
        assertThat(delta(exported, locked, "gateway_lockouts_total"))
                .as("one lock, however many attempts it refuses after").isEqualTo(1.0);
        assertThat(delta(exported, locked, "gateway_exports_total")).isZero();

        // The histogram in its classic form: cumulative buckets up to +Inf, which equals the count.
        double count = locked.value("gateway_audit_append_seconds_count");
        assertThat(count - appendsBefore).isGreaterThanOrEqualTo(5.0);
        assertThat(locked.value("gateway_audit_append_seconds_sum")).isPositive();
        assertThat(locked.value("gateway_audit_append_seconds_bucket{le=\"+Inf\"}")).isEqualTo(count);
        double previous = 0;
        for (double bound : GatewayMetrics.APPEND_BUCKETS) {
            double bucket = locked.value("gateway_audit_append_seconds_bucket{le=\"" + label(bound) + "\"}");
            assertThat(bucket).as("cumulative at le=%s", bound).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(count);
            previous = bucket;
        }
        assertThat(locked.text()).contains("# TYPE gateway_audit_append_seconds histogram",
                "# TYPE gateway_decisions_total counter", "# TYPE gateway_lockouts_total counter");

        // The JVM's metrics, and what the Dropwizard registry holds: Jetty's requests and threads, both pools.
        assertThat(locked.hasFamily("jvm_memory_used_bytes{area=\"heap\"")).isTrue();
        assertThat(locked.hasFamily("jvm_threads_current")).isTrue();
        assertThat(locked.hasFamily("jvm_gc_collection_seconds_count")).isTrue();
        assertThat(locked.hasFamily("io_dropwizard_jetty_MutableServletContextHandler_requests")).isTrue();
        assertThat(locked.hasFamily("org_eclipse_jetty_util_thread_QueuedThreadPool_dw_utilization")).isTrue();
        assertThat(locked.hasFamily("io_dropwizard_db_ManagedPooledDataSource_postgresql_")).isTrue();
        assertThat(locked.hasFamily("io_dropwizard_db_ManagedPooledDataSource_audit_writer_")).isTrue();

        // Counts and durations only: no member value, no username, no password anywhere in it.
        for (String forbidden : List.of("Quynhmetric", "Trangexposed", "metrics-members", "M93-", "president93",
                "lockme93", "wrong-password", ADMIN_PASSWORD, "L093", "L094")) {
            assertThat(locked.text()).as("the exposition never holds %s", forbidden).doesNotContain(forbidden);
        }
        assertThat(MEMBER_VALUES).allSatisfy(v -> assertThat(locked.text()).doesNotContain(v));
    }

    /** A bucket bound as the text format writes it (0.5, 1.0, 2.5, 10.0). */
    static String label(double bound) {
        return Double.toString(bound);
    }

    /** The health checks of CONTRACT's operations section beside the metrics, over the same admin port. */
    @Test
    void theHealthCheckReportsTheDatabaseTheAuditTrailsHeadAndCheckpointAndTheKeys() {
        HttpResponse<String> health = adminPort.get("/healthcheck", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        var checks = json(health);
        assertThat(checks.path("database").path("healthy").asBoolean()).isTrue();
        assertThat(checks.path("database").path("message").asText()).startsWith("PostgreSQL ");
        var audit = checks.path("audit");
        assertThat(audit.path("healthy").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.path("message").asText()).startsWith("head " + audit.path("head").asLong() + ", ");
        assertThat(audit.path("head").asLong()).as("the key's entry and the bootstrap admin's at least").isPositive();
        var keys = checks.path("keys");
        assertThat(keys.path("healthy").asBoolean()).as(keys.toString()).isTrue();
        assertThat(keys.path("message").asText()).contains("OpenPGP key", " signs; audit checkpoint key ", "member-gateway/audit+")
                .doesNotContain("NOT");
        assertThat(health.body()).doesNotContain("Quynhmetric", "metrics-members", "president93");
    }

    @Test
    void theExpositionIsOnTheAdminPortOnly() {
        HttpResponse<String> onApplicationPort = api.get(PrometheusEndpoint.PATH, null);
        assertThat(onApplicationPort.statusCode()).isNotEqualTo(200);
        assertThat(onApplicationPort.body()).doesNotContain("gateway_decisions_total");
    }
}
