package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayServices;
import org.membergateway.GatewayConfiguration;
import org.membergateway.auth.Role;
import org.membergateway.demo.DemoAccounts;
import org.membergateway.testing.ApiClient;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestDatabases;

/** The directory API (README, HTTP API) over real HTTP: what it creates, who may, and a 400 naming the field for every mistake. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DirectoryApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-2";

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String STAFF = basic("staff2", "staff-two-password");
    static final String OFFICER = basic("officer1", "officer-one-password");
    static ApiClient api;
    static Jdbi superuser;


    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        superuser.useHandle(h -> {
            h.execute("INSERT INTO regions (id, name) VALUES ('R2', 'Willamette Valley')");
            h.execute("INSERT INTO employer_groups (id, name) VALUES ('STATE_AGENCIES', 'State agencies')");
            h.execute("INSERT INTO locals (id, name, region_id, employer_group_id) VALUES ('L083', 'Local 083', 'R2', 'STATE_AGENCIES')");
            h.execute("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status)
                    VALUES ('M0001', 'Lan', 'Pham', 'L083', 'R2', 'STATE_AGENCIES', 'MEMBER')""");
        });
        assertThat(api.postJson("/api/v1/people", ADMIN, person("staff2", "staff-two-password", List.of("STAFF")))
                .statusCode()).isEqualTo(201);
        assertThat(api.postJson("/api/v1/people", ADMIN, person("officer1", "officer-one-password",
                List.of("LOCAL_OFFICER"))).statusCode()).isEqualTo(201);
    }

    static Map<String, Object> person(String username, String password, List<String> roles) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("username", username);
        person.put("displayName", "Test " + username);
        person.put("password", password);
        person.put("roles", roles);
        person.put("locals", List.of("L083"));
        return person;
    }

    static long audited(String target) {
        return superuser.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND target = :t")
                .bind("t", target).mapTo(Long.class).one());
    }

    // ---- people -----------------------------------------------------------------------

    @Test
    void anAdminCreatesAPersonWithRolesScopesAndMemberLink() {
        // Not an authority role: whether the demo's executive director exists yet (test order), it is active at once.
        Map<String, Object> body = new HashMap<>(person("President83", "president-83-password",
                List.of("LOCAL_OFFICER", "MEMBER")));
        body.put("regions", List.of("R2"));
        body.put("employerGroups", List.of("STATE_AGENCIES"));
        body.put("memberId", "M0001");
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/api/v1/people/president83"));
        JsonNode person = json(created);
        assertThat(person.path("username").asText()).as("usernames are lower case").isEqualTo("president83");
        // Each role is its grant: role, term (from, until) and status, not a bare name.
        assertThat(person.path("roles").size()).isEqualTo(2);
        for (JsonNode role : person.path("roles")) {
            assertThat(role.path("role").asText()).isIn("LOCAL_OFFICER", "MEMBER");
            assertThat(role.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(role.path("from").isTextual()).as(role.toString()).isTrue();
            assertThat(role.has("until")).as("open-ended: no until").isFalse();
            assertThat(role.path("id").asLong()).isPositive();
            assertThat(role.path("inEffect").asBoolean()).isTrue();
        }
        assertThat(person.has("grants")).as("one list, roles").isFalse();
        assertThat(person.path("disabled").asBoolean()).isFalse();
        assertThat(person.path("locked").asBoolean()).isFalse();
        assertThat(person.path("locals").toString()).isEqualTo("[\"L083\"]");
        assertThat(person.path("regions").toString()).isEqualTo("[\"R2\"]");
        assertThat(person.path("employerGroups").toString()).isEqualTo("[\"STATE_AGENCIES\"]");
        assertThat(person.path("memberId").asText()).isEqualTo("M0001");
        assertThat(created.body()).doesNotContain("president-83-password").doesNotContain("argon2");
        assertThat(audited("person:president83")).isEqualTo(1);

        JsonNode me = json(api.get("/api/v1/me", basic("PRESIDENT83", "president-83-password")));
        assertThat(me.path("roles").toString()).isEqualTo("[\"LOCAL_OFFICER\",\"MEMBER\"]");
        assertThat(me.path("locals").toString()).isEqualTo("[\"L083\"]");
        assertThat(api.get("/api/v1/people/president83", ADMIN).statusCode()).isEqualTo(200);

        HttpResponse<String> again = api.postJson("/api/v1/people", ADMIN, person("PRESIDENT83", "another-password-1",
                List.of("MEMBER")));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("field").asText()).isEqualTo("username");
    }

    @Test
    void everyMistakeInANewPersonIsA400NamingTheField() {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("roles[1]", new Object[] {"roles", List.of("MEMBER", "SUPERUSER")});
        cases.put("locals[0]", new Object[] {"locals", List.of("L999")});
        cases.put("regions[0]", new Object[] {"regions", List.of("R99")});
        cases.put("employerGroups[0]", new Object[] {"employerGroups", List.of("NOPE")});
        cases.put("memberId", new Object[] {"memberId", "M9999"});
        cases.put("username", new Object[] {"username", "x".repeat(65)});
        cases.put("username ", new Object[] {"username", "bad name"});
        cases.put("password", new Object[] {"password", "short"});
        cases.put("password ", new Object[] {"password", "p".repeat(1025)});
        cases.put("displayName", new Object[] {"displayName", "n".repeat(201)});
        cases.put("roles", new Object[] {"roles", List.of()});
        cases.put("roles ", new Object[] {"roles", "ADMIN"});
        cases.put("locals[0] ", new Object[] {"locals", List.of("L 0 83")});
        // Local roles are roles in the person's one local: a second local would extend them to it.
        cases.put("locals", new Object[] {"locals", List.of("L083", "L084")});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Map<String, Object> body = new HashMap<>(person("newbie", "newbie-long-password", List.of("MEMBER")));
            body.put((String) c.getValue()[0], c.getValue()[1]);
            HttpResponse<String> response = api.postJson("/api/v1/people", ADMIN, body);
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).as(c.getKey()).isEqualTo(c.getKey().strip());
            assertThat(json(response).path("error").asText()).isEqualTo("INVALID_INPUT");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        // A misspelt field is named, not silently dropped.
        raw.put("rolez", "{\"username\":\"newbie\",\"displayName\":\"N\",\"password\":\"newbie-long-password\",\"rolez\":[\"MEMBER\"]}");
        raw.put("body", "[]");
        raw.put("body ", "");
        for (Map.Entry<String, String> c : raw.entrySet()) {
            HttpResponse<String> response = api.postJson("/api/v1/people", ADMIN, c.getValue());
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).as(c.getKey()).isEqualTo(c.getKey().strip());
        }
        HttpResponse<String> malformed = api.postJson("/api/v1/people", ADMIN, "{\"username\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/people/newbie", ADMIN).statusCode()).as("nothing was created").isEqualTo(404);
    }

    // ---- candidacies --------------------------------------------------------------------

    @Test
    void candidaciesAreRecordedAndValidated() {
        String path = "/api/v1/people/officer1/candidacies";
        TestElections.forCandidacy(superuser, "L083-2026-officers", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083");
        TestElections.forCandidacy(superuser, "statewide-2026", Office.STATEWIDE_OFFICE, ScopeType.STATEWIDE, "ALL");
        Map<String, String> candidacy = Map.of("office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083",
                "electionId", "L083-2026-officers");
        HttpResponse<String> created = api.postJson(path, ADMIN, candidacy);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = json(created);
        assertThat(view.path("username").asText()).isEqualTo("officer1");
        assertThat(view.path("office").asText()).isEqualTo("LOCAL_OFFICE");
        assertThat(audited("person:officer1/candidacy:" + view.path("id").asLong())).isEqualTo(1);
        assertThat(api.postJson(path, ADMIN, candidacy).statusCode()).as("declared twice").isEqualTo(409);
        assertThat(json(api.get("/api/v1/people/officer1", OFFICER)).path("candidacies").size()).isEqualTo(1);

        HttpResponse<String> statewide = api.postJson(path, ADMIN, Map.of("office", "STATEWIDE_OFFICE",
                "scopeType", "STATEWIDE", "scopeId", "ALL", "electionId", "statewide-2026"));
        assertThat(statewide.statusCode()).isEqualTo(201);

        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"office", Map.of("office", "MAYOR", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "e1")});
        cases.add(new Object[] {"scopeType", Map.of("office", "LOCAL_OFFICE", "scopeType", "REGION", "scopeId", "R2", "electionId", "e1")});
        cases.add(new Object[] {"scopeType", Map.of("office", "BOARD_SEAT", "scopeType", "PLANET", "scopeId", "R2", "electionId", "e1")});
        cases.add(new Object[] {"scopeId", Map.of("office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L999", "electionId", "e1")});
        cases.add(new Object[] {"scopeId", Map.of("office", "STATEWIDE_OFFICE", "scopeType", "STATEWIDE", "scopeId", "OR", "electionId", "e1")});
        cases.add(new Object[] {"electionId", Map.of("office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R2", "electionId", "no spaces")});
        cases.add(new Object[] {"electionId", Map.of("office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R2")});
        // A candidacy names an election on record, with that election's office and electorate.
        cases.add(new Object[] {"electionId", Map.of("office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083",
                "electionId", "no-such-election")});
        cases.add(new Object[] {"electionId", Map.of("office", "STATEWIDE_OFFICE", "scopeType", "STATEWIDE", "scopeId", "ALL",
                "electionId", "L083-2026-officers")});
        for (Object[] c : cases) {
            HttpResponse<String> response = api.postJson(path, ADMIN, c[1]);
            assertThat(response.statusCode()).as(c[0] + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo(c[0]);
        }
        assertThat(api.postJson("/api/v1/people/nobody/candidacies", ADMIN, candidacy).statusCode()).isEqualTo(404);
        assertThat(api.postJson(path, OFFICER, candidacy).statusCode()).as("not an ADMIN").isEqualTo(403);
    }

    // ---- OpenPGP keys -------------------------------------------------------------------

    @Test
    void peopleSetTheirOwnOpenPgpKeyAndAdminsAnyone() {
        String key = OpenPgpPublicKeyTest.resource("officer-public-key.asc");
        String fingerprint = OpenPgpPublicKeyTest.resource("officer-public-key.fingerprint").strip();
        HttpResponse<String> own = api.put("/api/v1/people/officer1/openpgp-key", OFFICER, "application/pgp-keys", key);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
        assertThat(json(api.get("/api/v1/people/officer1", OFFICER)).path("openpgpFingerprint").asText()).isEqualTo(fingerprint);
        assertThat(audited("person:officer1/openpgp-key:" + fingerprint)).isGreaterThanOrEqualTo(1);

        assertThat(api.put("/api/v1/people/staff2/openpgp-key", OFFICER, "text/plain", key).statusCode())
                .as("someone else's").isEqualTo(403);
        assertThat(api.put("/api/v1/people/staff2/openpgp-key", ADMIN, "text/plain", key).statusCode()).isEqualTo(204);

        HttpResponse<String> secret = api.put("/api/v1/people/officer1/openpgp-key", OFFICER, "text/plain",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgE\n-----END PGP PRIVATE KEY BLOCK-----\n");
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(json(secret).path("field").asText()).isEqualTo("openpgpKey");
        assertThat(api.put("/api/v1/people/officer1/openpgp-key", OFFICER, "text/plain", "not a key").statusCode())
                .isEqualTo(400);
        assertThat(api.put("/api/v1/people/officer1/openpgp-key", OFFICER, "text/plain", "\u00e9").statusCode())
                .isEqualTo(400);
        for (String[] weak : new String[][] {{"rsa2048-public-key.asc", "RSA-2048"}, {"dsa-elgamal-public-key.asc", "DSA"},
                {"sha1-self-signed-public-key.asc", "SHA-1"}}) {
            HttpResponse<String> refused = api.put("/api/v1/people/officer1/openpgp-key", OFFICER, "application/pgp-keys",
                    OpenPgpPublicKeyTest.resource(weak[0]));
            assertThat(refused.statusCode()).as(weak[0]).isEqualTo(400);
            assertThat(json(refused).path("field").asText()).isEqualTo("openpgpKey");
            assertThat(json(refused).path("message").asText()).contains(weak[1]);
        }
        assertThat(json(api.get("/api/v1/people/officer1", OFFICER)).path("openpgpFingerprint").asText()).isEqualTo(fingerprint);
    }

    // ---- campaigns ----------------------------------------------------------------------

    @Test
    void staffCreateCampaignsAndAnyPersonReadsThem() {
        Map<String, String> campaign = Map.of("name", "CAPE drive 2026", "kind", "CAPE", "scopeType", "LOCAL",
                "scopeId", "L083", "startsOn", "2026-03-01", "endsOn", "2026-06-30");
        HttpResponse<String> created = api.postJson("/api/v1/campaigns", STAFF, campaign);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).path("id").asLong();
        assertThat(id).isPositive();
        assertThat(audited("campaign:" + id)).isEqualTo(1);
        JsonNode read = json(api.get("/api/v1/campaigns/" + id, OFFICER));
        assertThat(read.path("owner").asText()).isEqualTo("staff2");
        assertThat(read.path("startsOn").asText()).isEqualTo("2026-03-01");
        assertThat(read.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(read.path("kind").asText()).isEqualTo("CAPE");

        assertThat(api.postJson("/api/v1/campaigns", OFFICER, campaign).statusCode()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/campaigns", ADMIN, Map.of("name", "Statewide contract", "kind", "CONTRACT",
                "scopeType", "STATEWIDE", "scopeId", "ALL", "startsOn", "2026-01-01", "endsOn", "2026-12-31"))
                .statusCode()).isEqualTo(201);
        assertThat(api.get("/api/v1/campaigns/999999", OFFICER).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/abc", OFFICER).statusCode()).isEqualTo(404);

        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("kind", with(campaign, "kind", "PARTY"));
        cases.put("scopeType", with(campaign, "scopeType", "COUNTY"));
        cases.put("scopeId", with(campaign, "scopeId", "L999"));
        cases.put("startsOn", with(campaign, "startsOn", "03/01/2026"));
        cases.put("endsOn", with(campaign, "endsOn", "2026-02-01"));
        cases.put("name", with(campaign, "name", " "));
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpResponse<String> response = api.postJson("/api/v1/campaigns", STAFF, c.getValue());
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo(c.getKey());
        }
    }

    @Test
    void theLookupsListOnlyWhatTheCallerCoversAndTheCampaignsRunningThere() {
        assertThat(api.get("/api/v1/locals", OFFICER).body()).isEqualTo("[{\"id\":\"L083\",\"name\":\"Local 083\","
                + "\"region\":\"R2\",\"regionName\":\"Willamette Valley\",\"employerGroup\":\"STATE_AGENCIES\","
                + "\"employerGroupName\":\"State agencies\"}]");
        assertThat(api.get("/api/v1/regions", OFFICER).body()).as("the officer's local's region is not theirs").isEqualTo("[]");
        assertThat(api.get("/api/v1/employer-groups", OFFICER).body()).isEqualTo("[]");
        assertThat(api.get("/api/v1/regions", STAFF).body()).as("staff may ask over any scope")
                .isEqualTo("[{\"id\":\"R2\",\"name\":\"Willamette Valley\"}]");
        assertThat(api.get("/api/v1/employer-groups", STAFF).body()).isEqualTo("[{\"id\":\"STATE_AGENCIES\",\"name\":\"State agencies\"}]");
        for (String path : List.of("/api/v1/locals", "/api/v1/regions", "/api/v1/employer-groups", "/api/v1/campaigns")) {
            assertThat(api.get(path, null).statusCode()).as(path).isEqualTo(401);
        }

        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        // Only approved campaigns are offered: the executive director's own is active at once.
        // One executive director at a time: the demo's, if that test ran first, or one made here.
        int made = api.postJson("/api/v1/people", ADMIN, person("exec1", "exec-one-password",
                List.of("EXECUTIVE_DIRECTOR"))).statusCode();
        assertThat(made).isIn(201, 409);
        String executive = made == 201 ? basic("exec1", "exec-one-password")
                : basic(DemoAccounts.username(Role.EXECUTIVE_DIRECTOR), DemoAccounts.password(Role.EXECUTIVE_DIRECTOR));
        long pending = json(api.postJson("/api/v1/campaigns", STAFF, Map.of("name", "Waiting", "kind", "ORGANIZING",
                "scopeType", "REGION", "scopeId", "R2", "startsOn", today.minusDays(1).toString(),
                "endsOn", today.plusDays(1).toString()))).path("id").asLong();
        long running = json(api.postJson("/api/v1/campaigns", executive, Map.of("name", "Running", "kind", "ORGANIZING",
                "scopeType", "REGION", "scopeId", "R2", "startsOn", today.minusDays(1).toString(),
                "endsOn", today.plusDays(1).toString()))).path("id").asLong();
        long over = json(api.postJson("/api/v1/campaigns", STAFF, Map.of("name", "Over", "kind", "ORGANIZING",
                "scopeType", "LOCAL", "scopeId", "L083", "startsOn", "2020-01-01", "endsOn", "2020-01-31")))
                .path("id").asLong();
        JsonNode campaigns = json(api.get("/api/v1/campaigns", OFFICER));
        List<Long> ids = new ArrayList<>();
        campaigns.forEach(c -> ids.add(c.path("id").asLong()));
        assertThat(ids).contains(running).doesNotContain(over, pending);
        assertThat(campaigns.get(ids.indexOf(running)).path("scopeId").asText()).isEqualTo("R2");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    void theOpenApiDocumentListsTheDirectoryAndBothWaysIn() {
        JsonNode doc = json(api.get("/api/v1/openapi.json", null));
        JsonNode paths = doc.path("paths");
        assertThat(paths.has("/api/v1/people")).isTrue();
        assertThat(paths.has("/api/v1/people/{username}/candidacies")).isTrue();
        assertThat(paths.has("/api/v1/people/{username}/openpgp-key")).isTrue();
        assertThat(paths.has("/api/v1/campaigns")).isTrue();
        assertThat(paths.path("/api/v1/campaigns").has("get")).isTrue();
        assertThat(paths.has("/api/v1/locals")).isTrue();
        assertThat(paths.has("/api/v1/regions")).isTrue();
        assertThat(paths.has("/api/v1/employer-groups")).isTrue();
        assertThat(paths.has("/api/v1/vendor/me")).isTrue();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
    }

    // ---- demo accounts and bootstrap ---------------------------------------------------

    @Test
    void demoAccountsCoverEveryRoleSignInAndAreCreatedOnce() {
        GatewayServices services = APP.<GatewayApplication>getApplication().services();
        DirectoryService directory = services.directory();
        List<DemoAccounts.DemoAccount> accounts = new DemoAccounts(services.jdbi(), directory).ensure();
        assertThat(accounts).hasSize(Role.values().length).allMatch(DemoAccounts.DemoAccount::created);
        for (DemoAccounts.DemoAccount account : accounts) {
            HttpResponse<String> me = api.get("/api/v1/me", basic(account.username(), account.password()));
            assertThat(me.statusCode()).as(account.username()).isEqualTo(200);
            assertThat(json(me).path("roles").get(0).asText()).isEqualTo(account.role().name());
        }
        JsonNode member = json(api.get("/api/v1/me", basic("demo-member", "demo-member-pw")));
        assertThat(member.path("memberId").asText()).isEqualTo("M0001");
        assertThat(member.path("locals").toString()).isEqualTo("[\"L083\"]");
        assertThat(json(api.get("/api/v1/me", basic("demo-director", "demo-director-pw"))).path("regions").toString())
                .isEqualTo("[\"R2\"]");
        assertThat(new DemoAccounts(services.jdbi(), directory).ensure()).noneMatch(DemoAccounts.DemoAccount::created);
        assertThat(DemoAccounts.table(accounts)).contains("demo-local-president", "demo-local-president-pw");
        assertThat(BootstrapAdmin.createIfNoAdmin(directory, "another-admin-password"))
                .as("an ADMIN exists: the bootstrap password is ignored").isFalse();
    }
}
