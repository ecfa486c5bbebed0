package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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
 * The export store filled to its quota on real PostgreSQL: an export that would cross it stops
 * while it is written, keeps nothing (no blob row, no large object, never READY), is answered 507
 * in the one error shape and recorded in the trail as a refusal without member data; the
 * health check turns red and reports the store's use. Once the live export is downloaded for the
 * last time (and so destroyed) the same running gateway builds again.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ExportStoreQuotaIntegrationTest {

    static final long QUOTA = 48_000;
    /** Members whose names and addresses barely compress, so one export takes more than half the quota. */
    static final int MEMBERS = 600;
    static final String ADMIN_PASSWORD = "quota-admin-password";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.storeQuotaBytes", Long.toString(QUOTA)),
            ConfigOverride.config("exports.maxDownloads", "1"),
            ConfigOverride.config("exports.sweepEvery", "1h"),
            // One build at a time, for the test of the bound on builds at once.
            ConfigOverride.config("exports.maxConcurrentBuilds", "1"));
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president92", "president-92-password");
    static final String AUDITOR = basic("auditor92", "auditor-92-password");
    static final Map<String, Object> ASK = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L092"),
            "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "last_name", "home_email"),
            "justification", "Bargaining update");
    static ApiClient api;
    static ApiClient adminPort;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        adminPort = new ApiClient(APP.getAdminPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L092", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'Q' || i, md5('first' || i), md5('last' || i), 'L092', 'R3', 'STATE_AGENCIES', 'MEMBER',
                       substr(md5('mail' || i), 1, 24) || '@quota-members.test'
                FROM generate_series(1, %d) AS i""".formatted(MEMBERS)));
        TestPeople.create(api, ADMIN, "president92", "Test president92", "president-92-password", "LOCAL_PRESIDENT", "L092");
        TestPeople.create(api, ADMIN, "auditor92", "Test auditor92", "auditor-92-password", "AUDITOR", null);
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                PRESIDENT, "Test president92");
    }

    static long ask() {
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT, ASK);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return json(asked).path("id").asLong();
    }

    static HttpResponse<String> build(long request) {
        return api.postJson("/api/v1/list-requests/" + request + "/exports", PRESIDENT, Map.of("encryption", "PASSPHRASE"));
    }

    static JsonNode storeHealth(int status) {
        HttpResponse<String> health = adminPort.get("/healthcheck", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(status);
        return json(health).path("exportStore");
    }

    @Test
    void anExportThatWouldCrossTheQuotaKeepsNothingIsRefusedAuditedAndRoomComesBackWithoutARestart() {
        HttpResponse<String> first = build(ask());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String live = json(first).path("id").asText();
        long size = count("SELECT bytes FROM exports WHERE id = CAST(? AS uuid)", live);
        assertThat(size).as("the fixture: one export takes more than half the quota, and fits").isBetween(QUOTA / 2 + 1, QUOTA);
        JsonNode healthy = storeHealth(200);
        assertThat(healthy.path("healthy").asBoolean()).isTrue();
        assertThat(healthy.path("message").asText()).isEqualTo(size + " of " + QUOTA + " bytes in use (" + size * 100 / QUOTA + "%)");
        long blobs = count("SELECT count(*) FROM export_blobs");
        long largeObjects = count("SELECT count(*) FROM pg_largeobject_metadata");

        long second = ask();
        long entries = count("SELECT count(*) FROM audit_entries");
        HttpResponse<String> refused = build(second);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
        JsonNode error = json(refused);
        assertThat(error.path("error").asText()).isEqualTo("EXPORT_STORE_FULL");
        assertThat(error.path("message").asText()).contains("nothing was kept").doesNotContain("@quota-members.test");
        // Nothing of it was kept, nothing can be downloaded.
        String stopped = superuser.withHandle(h -> h.createQuery("SELECT CAST(id AS text) FROM exports WHERE request_id = ?")
                .bind(0, second).mapTo(String.class).one());
        String status = superuser.withHandle(h -> h.createQuery("SELECT status FROM exports WHERE id = CAST(? AS uuid)")
                .bind(0, stopped).mapTo(String.class).one());
        assertThat(status).isEqualTo("FAILED");
        assertThat(count("SELECT count(*) FROM exports WHERE id = CAST(? AS uuid) AND blob_id IS NULL", stopped)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM export_blobs")).isEqualTo(blobs);
        assertThat(count("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo(largeObjects);
        assertThat(api.getBytes("/api/v1/exports/" + stopped, PRESIDENT).statusCode()).isNotEqualTo(200);
        // The refusal is in the trail, and only it: sizes are not even there, let alone rows.
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND target = ?", "export:" + stopped)).isZero();
        Map<String, Object> entry = superuser.withHandle(h -> h.createQuery("""
                SELECT action, decision, reasons, row_count, export_digest FROM audit_entries WHERE target = ?""")
                .bind(0, "export:" + stopped).mapToMap().one());
        assertThat(entry).containsEntry("action", "DECISION").containsEntry("decision", "REFUSED")
                .containsEntry("reasons", "EXPORT_STORE_FULL").containsEntry("row_count", null).containsEntry("export_digest", null);
        // The refusal, and nothing else of the build.
        List<String> since = superuser.withHandle(h -> h.createQuery(
                "SELECT action || ' ' || coalesce(decision, '') || ' ' || target FROM audit_entries WHERE seq > ? ORDER BY seq")
                .bind(0, entries).mapTo(String.class).list());
        // (and the tally of the refused download just tried)
        assertThat(since).first().isEqualTo("DECISION REFUSED export:" + stopped);
        assertThat(since.subList(1, since.size())).allSatisfy(e -> assertThat(e).startsWith("ACCESS_REFUSED "));
        JsonNode full = storeHealth(500);
        assertThat(full.path("healthy").asBoolean()).isFalse();
        assertThat(full.path("message").asText()).contains(size + " of " + QUOTA + " bytes in use");

        // The live export's one download destroys it, which makes room: the same instance builds again.
        assertThat(api.getBytes("/api/v1/exports/" + live, PRESIDENT).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM exports WHERE id = CAST(? AS uuid) AND status = 'DESTROYED'", live)).isEqualTo(1);
        assertThat(storeHealth(200).path("message").asText()).startsWith("0 of " + QUOTA + " bytes");
        HttpResponse<String> again = build(second);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(api.getBytes("/api/v1/exports/" + json(again).path("id").asText(), PRESIDENT).statusCode()).isEqualTo(200);
        HttpResponse<String> verified = api.get("/api/v1/audit/verification", AUDITOR);
        assertThat(json(verified).path("valid").asBoolean()).as(verified.body()).isTrue();
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

    /**
     * The bound on builds at once (exports.maxConcurrentBuilds = 1 here): with the one slot held, as
     * a build in progress holds it, an export is refused 503 EXPORTS_BUSY with Retry-After before
     * anything is planned or read, while a plain API call is still served; a real build afterwards
     * gives its slot back. (It leaves the store empty again: its one download destroys it.)
     */
    @Test
    void pastTheBoundOnBuildsAtOnceAnExportIsRefusedAtOnceAndOtherRequestsAreStillServed() {
        long request = ask();
        ExportBuildSlots slots = APP.<GatewayApplication>getApplication().services().exportBuilder().buildSlots();
        assertThat(slots.size()).isOne();
        long exports = count("SELECT count(*) FROM exports");
        try (ExportBuildSlots.Slot held = slots.take()) {
            HttpResponse<String> refused = build(request);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            JsonNode error = json(refused);
            assertThat(error.path("error").asText()).isEqualTo("EXPORTS_BUSY");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(count("SELECT count(*) FROM exports")).as("nothing planned, nothing kept").isEqualTo(exports);

            HttpResponse<String> plain = api.get("/api/v1/list-requests/" + request, PRESIDENT);
            assertThat(plain.statusCode()).as("the request pool still serves others").isEqualTo(200);
        }
        assertThat(slots.available()).isOne();

        HttpResponse<String> built = build(request);
        assertThat(built.statusCode()).as("the refused try used none of the request's one export").isEqualTo(201);
        assertThat(slots.available()).as("a finished build gives its slot back").isOne();
        var downloaded = api.getBytes("/api/v1/exports/" + json(built).path("id").asText(), PRESIDENT);
        assertThat(downloaded.statusCode()).isEqualTo(200);
    }
}
