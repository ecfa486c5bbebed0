package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestDatabases;

/**
 * Access that ends and authority nobody mints alone, over real HTTP against PostgreSQL: terms,
 * revocation (API, cached credentials, page sessions), the two-person rule and its bootstrap,
 * singleton offices, designations that end on their date, disable/enable/unlock/password, and
 * candidacy withdrawal. The methods run in order: the first confirmer ends the bootstrap.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleGrantsIntegrationTest {

    /** The gateway on a clock of this test's own, so terms can be reached without waiting. */
    public static class App extends GatewayApplication {
        static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"), ZoneId.of("UTC"));

        @Override
        protected Clock clock(ZoneId zone) {
            return CLOCK;
        }
    }

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-15";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(App.class, ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final HttpClient HTTP = HttpClient.newHttpClient();
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
            h.execute("INSERT INTO locals (id, name, region_id, employer_group_id) VALUES ('L084', 'Local 084', 'R2', 'STATE_AGENCIES')");
        });
    }

    static String password(String username) {
        return username + "-password-15";
    }

    static String as(String username) {
        return basic(username, password(username));
    }

    /** POST /people as ADMIN; returns the created person. */
    static JsonNode create(String username, String role, String local) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("username", username);
        person.put("displayName", "Test " + username);
        person.put("password", password(username));
        person.put("roles", List.of(role));
        if (local != null) {
            person.put("locals", List.of(local));
        }
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, person);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    static JsonNode grantOf(JsonNode person, String role) {
        for (JsonNode grant : person.path("roles")) {
            if (grant.path("role").asText().equals(role)) {
                return grant;
            }
        }
        throw new AssertionError("no grant of " + role + " in " + person);
    }

    static List<String> rolesOf(String username) {
        HttpResponse<String> me = api.get("/api/v1/me", as(username));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(json(me).path("roles").spliterator(), false).map(JsonNode::asText)
                .toList();
    }

    static HttpResponse<String> confirm(long grant, String by, boolean confirm) {
        return api.postJson("/api/v1/role-grants/" + grant + "/confirmation", as(by), Map.of("confirm", confirm,
                "note", "checked the appointment letter"));
    }

    /** The audit entry of a grant change: actor, decision and the roles it names. */
    static List<String> audited(String target) {
        return superuser.withHandle(h -> h.createQuery(
                        "SELECT actor || ' ' || decision || ' ' || reasons FROM audit_entries WHERE target = :t ORDER BY seq")
                .bind("t", target).mapTo(String.class).list());
    }

    // ---- the two-person rule ---------------------------------------------------------------

    @Test
    @Order(1)
    void beforeAnyConfirmerExistsGrantsAreActiveAtOnce() {
        JsonNode ed = create("ed1", "EXECUTIVE_DIRECTOR", null);
        JsonNode grant = grantOf(ed, "EXECUTIVE_DIRECTOR");
        assertThat(grant.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(grant.path("inEffect").asBoolean()).isTrue();
        assertThat(rolesOf("ed1")).containsExactly("EXECUTIVE_DIRECTOR");
        assertThat(audited("person:ed1/role-grant:" + grant.path("id").asLong()))
                .containsExactly("admin GRANTED EXECUTIVE_DIRECTOR");
    }

    @Test
    @Order(2)
    void onceAConfirmerExistsAnAuthorityRoleWaitsForASecondPerson() {
        JsonNode sp = create("sp1", "STATEWIDE_PRESIDENT", null);
        long grant = grantOf(sp, "STATEWIDE_PRESIDENT").path("id").asLong();
        assertThat(grantOf(sp, "STATEWIDE_PRESIDENT").path("status").asText()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(rolesOf("sp1")).as("a pending grant confers nothing").isEmpty();

        HttpResponse<String> pending = api.get("/api/v1/role-grants?status=PENDING_CONFIRMATION", ADMIN);
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(json(pending).findValuesAsText("username")).contains("sp1");
        assertThat(api.get("/api/v1/role-grants", as("sp1")).statusCode()).as("not a confirmer yet").isEqualTo(403);

        HttpResponse<String> byAdmin = api.postJson("/api/v1/role-grants/" + grant + "/confirmation", ADMIN,
                Map.of("confirm", true));
        assertThat(byAdmin.statusCode()).as("ADMIN alone cannot").isEqualTo(403);
        assertThat(confirm(grant, "sp1", true).statusCode()).as("nor the grantee").isEqualTo(403);

        HttpResponse<String> confirmed = confirm(grant, "ed1", true);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(json(confirmed).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(confirmed).path("decidedBy").asText()).isEqualTo("ed1");
        assertThat(rolesOf("sp1")).containsExactly("STATEWIDE_PRESIDENT");
        assertThat(confirm(grant, "ed1", true).statusCode()).as("decided once").isEqualTo(409);
        assertThat(audited("person:sp1/role-grant:" + grant)).containsExactly(
                "admin PENDING_CONFIRMATION STATEWIDE_PRESIDENT", "ed1 CONFIRMED STATEWIDE_PRESIDENT");
    }

    @Test
    @Order(3)
    void theGranterNeverConfirmsTheirOwnGrantAndARejectionConfersNothing() {
        // sp1 becomes an administrator too (confirmed by ed1), then grants DIRECTOR: sp1 may not confirm it.
        HttpResponse<String> admin = api.postJson("/api/v1/people/sp1/roles", ADMIN, Map.of("role", "ADMIN"));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        assertThat(json(admin).path("status").asText()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(confirm(json(admin).path("id").asLong(), "ed1", true).statusCode()).isEqualTo(200);

        create("dir1", "MEMBER", null);
        HttpResponse<String> director = api.postJson("/api/v1/people/dir1/roles", as("sp1"), Map.of("role", "DIRECTOR"));
        assertThat(director.statusCode()).as(director.body()).isEqualTo(201);
        long grant = json(director).path("id").asLong();
        assertThat(confirm(grant, "sp1", true).statusCode()).as("the granter").isEqualTo(403);
        HttpResponse<String> rejected = confirm(grant, "ed1", false);
        assertThat(json(rejected).path("status").asText()).isEqualTo("REJECTED");
        assertThat(rolesOf("dir1")).containsExactly("MEMBER");
        assertThat(audited("person:dir1/role-grant:" + grant)).containsExactly(
                "sp1 PENDING_CONFIRMATION DIRECTOR", "ed1 REJECTED DIRECTOR");
    }

    @Test
    @Order(4)
    void singleOfficesAreUniquePerScope() {
        HttpResponse<String> second = api.postJson("/api/v1/people/dir1/roles", ADMIN, Map.of("role", "EXECUTIVE_DIRECTOR"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("message").asText()).contains("EXECUTIVE_DIRECTOR", "single office", "ed1");

        long lp = grantOf(create("lp83", "LOCAL_PRESIDENT", "L083"), "LOCAL_PRESIDENT").path("id").asLong();
        assertThat(confirm(lp, "sp1", true).statusCode()).isEqualTo(200);
        create("other83", "MEMBER", "L083");
        HttpResponse<String> twice = api.postJson("/api/v1/people/other83/roles", ADMIN, Map.of("role", "LOCAL_PRESIDENT"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).path("message").asText()).contains("local L083", "lp83");
        create("other84", "MEMBER", "L084");
        assertThat(api.postJson("/api/v1/people/other84/roles", ADMIN, Map.of("role", "LOCAL_PRESIDENT")).statusCode())
                .as("another local's president").isEqualTo(201);
    }

    // ---- access that ends ------------------------------------------------------------------

    @Test
    @Order(5)
    void aRevokedRoleLosesAccessAtOnceOnTheApiWithCachedCredentialsAndInAnOpenSession() {
        create("auditor9", "AUDITOR", null);
        assertThat(api.get("/api/v1/audit/entries", as("auditor9")).statusCode()).isEqualTo(200);
        long argon2 = APP.<GatewayApplication>getApplication().services().authenticator().argon2Computations();
        assertThat(api.get("/api/v1/audit/entries", as("auditor9")).statusCode()).isEqualTo(200);
        assertThat(APP.<GatewayApplication>getApplication().services().authenticator().argon2Computations())
                .as("the second call came from the verified-credentials cache").isEqualTo(argon2);
        String session = signIn("auditor9");
        assertThat(page("/", session).statusCode()).isEqualTo(200);

        assertThat(api.delete("/api/v1/people/auditor9/roles/AUDITOR", ADMIN).statusCode()).isEqualTo(204);

        assertThat(api.get("/api/v1/audit/entries", as("auditor9")).statusCode()).isEqualTo(403);
        HttpResponse<String> afterwards = page("/", session);
        assertThat(afterwards.statusCode()).as("the session ended").isEqualTo(303);
        assertThat(afterwards.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login"));
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM web_sessions w JOIN people p ON p.id = w.person_id"
                + " WHERE p.username = 'auditor9'", Long.class)).isZero();
        assertThat(audited("person:auditor9/role-grant:" + grantOf(json(api.get("/api/v1/people/auditor9", ADMIN)),
                "AUDITOR").path("id").asLong())).containsExactly("admin GRANTED AUDITOR", "admin REVOKED AUDITOR");
        assertThat(api.delete("/api/v1/people/auditor9/roles/AUDITOR", ADMIN).statusCode()).as("nothing left").isEqualTo(404);
    }

    @Test
    @Order(6)
    void aDesignationEndsOnItsDateAndARoleFromTheFutureConfersNothingYet() {
        Instant now = App.CLOCK.instant();
        create("des1", "MEMBER", null);
        String until = now.plus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        HttpResponse<String> withoutDesignation = api.postJson("/api/v1/people/des1/roles", ADMIN, Map.of("role", "DESIGNEE"));
        assertThat(withoutDesignation.statusCode()).isEqualTo(400);
        assertThat(json(withoutDesignation).path("field").asText()).isEqualTo("designation");
        HttpResponse<String> designated = api.postJson("/api/v1/people/des1/roles", ADMIN, Map.of("role", "DESIGNEE",
                "designation", Map.of("purposes", List.of("VOTING_DATA"), "scopes", List.of("REGION:R2"), "until", until)));
        assertThat(designated.statusCode()).as(designated.body()).isEqualTo(201);
        long grant = json(designated).path("id").asLong();
        assertThat(confirm(grant, "sp1", true).statusCode()).as("the executive director designates").isEqualTo(403);
        assertThat(confirm(grant, "ed1", true).statusCode()).isEqualTo(200);
        assertThat(rolesOf("des1")).containsExactlyInAnyOrder("DESIGNEE", "MEMBER");
        JsonNode shown = grantOf(json(api.get("/api/v1/people/des1", ADMIN)), "DESIGNEE");
        assertThat(shown.path("designation").path("scopes").toString()).isEqualTo("[\"REGION:R2\"]");
        assertThat(shown.path("until").asText()).startsWith(until);

        String future = now.plus(Duration.ofDays(5)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        create("future1", "MEMBER", null);
        HttpResponse<String> later = api.postJson("/api/v1/people/future1/roles", ADMIN, Map.of("role", "STAFF",
                "from", future));
        assertThat(json(later).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(rolesOf("future1")).as("not yet").containsExactly("MEMBER");

        App.CLOCK.advance(Duration.ofDays(6));
        assertThat(rolesOf("future1")).as("its term began; no change needed").containsExactlyInAnyOrder("MEMBER", "STAFF");
        assertThat(rolesOf("des1")).as("still designated").contains("DESIGNEE");
        App.CLOCK.advance(Duration.ofDays(5));
        assertThat(rolesOf("des1")).as("the designation ended on its date, cached credentials or not")
                .containsExactly("MEMBER");
    }

    // ---- accounts --------------------------------------------------------------------------

    @Test
    @Order(7)
    void disableEnableUnlockAndPasswordTakeEffectAtOnce() {
        create("temp1", "STAFF", null);
        assertThat(api.get("/api/v1/me", as("temp1")).statusCode()).isEqualTo(200);
        String session = signIn("temp1");
        assertThat(api.postJson("/api/v1/people/temp1/disable", ADMIN, Map.of()).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", as("temp1")).statusCode()).isEqualTo(401);
        assertThat(page("/", session).statusCode()).isEqualTo(303);
        assertThat(json(api.get("/api/v1/people/temp1", ADMIN)).path("disabled").asBoolean()).isTrue();
        assertThat(api.postJson("/api/v1/people/temp1/enable", ADMIN, Map.of()).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", as("temp1")).statusCode()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            api.get("/api/v1/me", basic("temp1", "not-the-password-" + i));
        }
        assertThat(api.get("/api/v1/me", as("temp1")).statusCode()).as("locked").isEqualTo(429);
        assertThat(json(api.get("/api/v1/people/temp1", ADMIN)).path("locked").asBoolean()).isTrue();
        assertThat(api.postJson("/api/v1/people/temp1/unlock", ADMIN, Map.of()).statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", as("temp1")).statusCode()).isEqualTo(200);

        HttpResponse<String> weak = api.postJson("/api/v1/people/temp1/password", ADMIN, Map.of("password", "short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/people/temp1/password", ADMIN, Map.of("password", "a-brand-new-password-15"))
                .statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", as("temp1")).statusCode()).as("the old password, even cached").isEqualTo(401);
        assertThat(api.get("/api/v1/me", basic("temp1", "a-brand-new-password-15")).statusCode()).isEqualTo(200);
        assertThat(audited("person:temp1")).contains("admin DISABLED ", "admin ENABLED ", "admin UNLOCKED ",
                "admin PASSWORD_RESET ");
        long leaked = TestDatabases.one(superuser, "SELECT count(*) FROM audit_entries WHERE target LIKE '%temp1%'"
                + " AND (target LIKE '%brand-new%' OR reasons LIKE '%BRAND%')", Long.class);
        assertThat(leaked).as("no password in the trail").isZero();
    }

    @Test
    @Order(8)
    void aWithdrawnCandidacyNoLongerMakesACandidate() {
        create("cand1", "MEMBER", "L083");
        TestElections.forCandidacy(superuser, "L083-2027", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/cand1/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "L083-2027"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        long id = json(declared).path("id").asLong();
        DirectoryPolicyFacts facts = new DirectoryPolicyFacts(APP.<GatewayApplication>getApplication().services().jdbi());
        assertThat(facts.candidacies("cand1")).hasSize(1);

        assertThat(api.delete("/api/v1/people/cand1/candidacies/" + id, as("other83")).statusCode())
                .as("neither ADMIN nor the candidate").isEqualTo(403);
        assertThat(api.delete("/api/v1/people/cand1/candidacies/" + id, as("cand1")).statusCode()).isEqualTo(204);
        assertThat(facts.candidacies("cand1")).as("the policy no longer sees a candidate").isEmpty();
        assertThat(json(api.get("/api/v1/people/cand1", ADMIN)).path("candidacies").size()).isZero();
        assertThat(api.delete("/api/v1/people/cand1/candidacies/" + id, ADMIN).statusCode()).isEqualTo(404);
        assertThat(audited("person:cand1/candidacy:" + id)).containsExactly("admin CREATED ", "cand1 WITHDRAWN ");
    }

    // ---- pages, browser-free ---------------------------------------------------------------

    @Test
    @Order(9)
    void aConfirmerSeesPendingGrantsOnTheHomePageAndConfirmsThemWithAForm() {
        JsonNode person = create("lp84b", "MEMBER", "L083");
        HttpResponse<String> granted = api.postJson("/api/v1/people/lp84b/roles", ADMIN, Map.of("role", "ELECTION_COMMITTEE",
                "until", "2099-01-01"));
        assertThat(json(granted).path("status").asText()).isEqualTo("PENDING_CONFIRMATION");
        long grant = json(granted).path("id").asLong();

        String session = signIn("sp1");
        HttpResponse<String> home = page("/", session);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"pending-grants\"", "href=\"/role-grants\"");
        HttpResponse<String> list = page("/role-grants", session);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"grant-" + grant + "\"", "Election committee", "lp84b",
                "name=\"confirm\" value=\"true\"", "name=\"confirm\" value=\"false\"", "name=\"csrf\"");
        String csrf = hidden(list.body(), "csrf");

        HttpResponse<String> forged = send(at("/role-grants/" + grant).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.ofString(form("confirm", "true", "csrf", "x".repeat(43)))));
        assertThat(forged.statusCode()).as("no change without the session's token").isEqualTo(403);
        HttpResponse<String> confirmed = send(at("/role-grants/" + grant).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session).POST(HttpRequest.BodyPublishers.ofString(form("confirm", "true", "note", "ok",
                        "csrf", csrf))));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(303);
        assertThat(rolesOf("lp84b")).contains("ELECTION_COMMITTEE");
        assertThat(audited("person:lp84b/role-grant:" + grant)).containsExactly(
                "admin PENDING_CONFIRMATION ELECTION_COMMITTEE", "sp1 CONFIRMED ELECTION_COMMITTEE");

        String adminSession = signIn("sp1");
        HttpResponse<String> people = page("/people", adminSession);
        assertThat(people.statusCode()).isEqualTo(200);
        assertThat(people.body()).contains("Election committee: active, from ", "until 2099-01-01");
        assertThat(page("/role-grants", signIn("auditor9")).statusCode()).as("not a confirmer, not ADMIN").isEqualTo(403);
        assertThat(person.path("username").asText()).isEqualTo("lp84b");
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static HttpResponse<String> page(String path, String cookie) {
        return send(at(path).header("Cookie", cookie));
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    static String cookieValue(HttpResponse<?> response, String name) {
        String setCookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie"));
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    /** Signs in through the form; returns the session cookie as a Cookie header value. */
    static String signIn(String username) {
        HttpResponse<String> form = send(at("/login"));
        HttpResponse<String> signedIn = send(at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "mg_login=" + cookieValue(form, "mg_login"))
                .POST(HttpRequest.BodyPublishers.ofString(form("username", username, "password", password(username),
                        "csrf", hidden(form.body(), "csrf"), "next", "/"))));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return "mg_session=" + cookieValue(signedIn, "mg_session");
    }
}
