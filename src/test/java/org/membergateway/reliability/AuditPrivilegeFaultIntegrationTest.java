package org.membergateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

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
 * The audit trail stops taking entries while the gateway runs: the database operator revokes the
 * gateway role's INSERT on audit_entries. Every state-changing request is refused cleanly (503,
 * AUDIT_UNAVAILABLE, nothing kept, nothing released), the admin port's /healthcheck turns red, and
 * once the privilege is granted back the same running instance serves again, with a trail that
 * verifies.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditPrivilegeFaultIntegrationTest {

    static final String ADMIN_PASSWORD = "audit-fault-admin-pw";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.sweepEvery", "1h"));
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president83", "president-83-password");
    static final String AUDITOR = basic("auditor83", "auditor-83-password");
    static ApiClient api;
    static ApiClient adminPort;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        adminPort = new ApiClient(APP.getAdminPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'F' || i, 'First' || i, 'Last' || i, 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER', 'f' || i || '@example.org'
                FROM generate_series(1, 5) AS i"""));
        TestPeople.create(api, ADMIN, "president83", "Test president83", "president-83-password", "LOCAL_PRESIDENT", "L083");
        TestPeople.create(api, ADMIN, "auditor83", "Test auditor83", "auditor-83-password", "AUDITOR", null);
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                PRESIDENT, "Test president83");
    }

    static final Map<String, Object> ASK = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L083"),
            "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "home_email"),
            "justification", "Bargaining update");

    static long ask() {
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT, ASK);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return json(asked).path("id").asLong();
    }

    static String export(long request) {
        HttpResponse<String> built = api.postJson("/api/v1/list-requests/" + request + "/exports", PRESIDENT,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
        return json(built).path("id").asText();
    }

    static void assertRefused(HttpResponse<?> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(new String(response.body() instanceof byte[] bytes ? bytes : response.body().toString().getBytes(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("AUDIT_UNAVAILABLE");
    }

    @Test
    void revokingTheAuditInsertRefusesEveryChangeTurnsTheHealthCheckRedAndGrantingItBackRecovers() {
        long earlier = ask();
        String exportId = export(earlier);
        long unused = ask();
        assertThat(adminPort.get("/healthcheck", null).statusCode()).isEqualTo(200);
        long requests = count("SELECT count(*) FROM list_requests");
        long exports = count("SELECT count(*) FROM exports");
        long entries = count("SELECT count(*) FROM audit_entries");

        superuser.useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + TestDatabases.APP_ROLE));
        try {
            HttpResponse<String> health = adminPort.get("/healthcheck", null);
            assertThat(health.statusCode()).isEqualTo(500);
            assertThat(json(health).path("audit").path("healthy").asBoolean()).isFalse();
            assertThat(json(health).path("postgresql").path("healthy").asBoolean()).isTrue();

            assertRefused(api.postJson("/api/v1/list-requests", PRESIDENT, ASK));
            assertRefused(api.postJson("/api/v1/list-requests/" + unused + "/exports", PRESIDENT, Map.of("encryption", "PASSPHRASE")));
            assertRefused(api.getBytes("/api/v1/exports/" + exportId, PRESIDENT));
            assertRefused(api.postJson("/api/v1/people", ADMIN, Map.of("username", "newperson", "displayName", "New Person",
                    "password", "new-person-password", "roles", List.of("STAFF"))));
            assertRefused(api.post("/api/v1/members/import", ADMIN, "text/csv",
                    String.join(",", org.membergateway.members.MemberCsv.COLUMNS) + "\n" + String.join(",", "F99", "Lan", "Pham",
                            "L083", "R3", "STATE_AGENCIES", "ODOT", "ODOT Salem", "Clerk", "MEMBER", "false", "12 Oak Ave", "Salem",
                            "OR", "97301", "", "", "", "", "", "English", "false", "false") + "\n"));
        } finally {
            superuser.useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + TestDatabases.APP_ROLE));
        }
        // Nothing was kept or released while the trail could not record it.
        assertThat(count("SELECT count(*) FROM audit_entries")).isEqualTo(entries);
        assertThat(count("SELECT count(*) FROM list_requests")).isEqualTo(requests);
        assertThat(count("SELECT count(*) FROM exports WHERE status <> 'FAILED'")).isEqualTo(exports);
        assertThat(count("SELECT downloads FROM exports WHERE id = CAST(? AS uuid)", exportId)).isZero();
        assertThat(count("SELECT count(*) FROM people WHERE username = 'newperson'")).isZero();
        assertThat(count("SELECT count(*) FROM members WHERE member_id = 'F99'")).isZero();
        assertThat(count("""
                SELECT count(*) FROM exports e WHERE e.status = 'READY' AND NOT EXISTS (SELECT 1 FROM audit_entries a
                WHERE a.action = 'DATA_RELEASE' AND a.decision = 'EXPORTED' AND a.target = 'export:' || e.id)"""))
                .as("a downloadable export without its audit entry").isZero();

        // The same instance, not restarted, serves again.
        assertThat(adminPort.get("/healthcheck", null).statusCode()).isEqualTo(200);
        long later = ask();
        assertThat(api.getBytes("/api/v1/exports/" + exportId, PRESIDENT).statusCode()).isEqualTo(200);
        assertThat(export(later)).isNotBlank();
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
}
