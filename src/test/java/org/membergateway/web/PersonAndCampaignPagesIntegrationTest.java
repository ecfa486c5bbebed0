package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;
import static org.membergateway.web.AckPeopleHttp.form;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * {@code /people/{username}} and the campaigns pages over raw HTTP, signed in through the form as a
 * browser is: each form does what the JSON API does (a revoke ends the person's session and role at
 * once, an authority role waits for a second person), a form without its token or from a
 * non-administrator changes nothing, and the campaign form creates a campaign with the status the
 * policy gives it, or says in plain words why not.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PersonAndCampaignPagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-person-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    /** The union's calendar day (config/gateway.yml's zone), as campaigns count days. */
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Los_Angeles"));

    static Jdbi superuser;
    static AckPeopleHttp http;
    static ApiClient api;
    static String adminApi;
    static String admin;

    @BeforeAll
    static void setUp() {
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        http = new AckPeopleHttp(APP.getLocalPort());
        api = new ApiClient(APP.getLocalPort());
        adminApi = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, adminApi, "member83", "Member Eighty-Three", "member-83-password", "MEMBER", "L083");
        TestPeople.create(api, adminApi, "staff1", "Staff One", "staff-one-password", "STAFF", null);
        TestPeople.create(api, adminApi, "revokee", "Revoke Me", "revokee-password-1", "STAFF", null);
        TestPeople.create(api, adminApi, "cand83", "Candidate", "cand-83-password", "MEMBER", "L083");
        // Last: before the first executive director, authority grants are active at once (the bootstrap rule).
        TestPeople.create(api, adminApi, "ed1", "Executive One", "executive-1-password", "EXECUTIVE_DIRECTOR", null);
        admin = http.signIn("admin", ADMIN_PASSWORD);
    }

    static JsonNode person(String username) {
        HttpResponse<String> got = api.get("/api/v1/people/" + username, adminApi);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        return json(got);
    }

    static List<String> rolesNow(String authorization) {
        HttpResponse<String> me = api.get("/api/v1/me", authorization);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        List<String> roles = new ArrayList<>();
        json(me).path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    static long auditEntries(String target) {
        return TestDatabases.one(superuser, "SELECT count(*) FROM audit_entries WHERE target = '" + target + "'", Long.class);
    }

    // ---- /people/{username} ------------------------------------------------------------------

    @Test
    void thePeopleListLinksEachPersonToTheirPageWhichShowsGrantsScopesAndAccount() {
        assertThat(http.get("/people", admin).body()).contains("href=\"/people/member83\"");
        HttpResponse<String> page = http.get("/people/member83", admin);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 class=\"govuk-heading-l\">Member Eighty-Three</h1>", "Local L083",
                "data-role=\"MEMBER\" data-status=\"ACTIVE\"", "data-disabled=\"false\" data-locked=\"false\"",
                "Member: active, from ", "action=\"/people/member83/roles\"", "id=\"revoke-MEMBER\"");
        assertThat(page.body().split("<h1").length).as("one h1").isEqualTo(2);
        assertThat(http.get("/people/nobody-here", admin).statusCode()).isEqualTo(404);
        assertThat(http.get("/people/new", admin).body()).as("the create form keeps its path")
                .contains("action=\"/people\"");
    }

    @Test
    void aRevokeOnThePageTakesEffectAtOnce() {
        String revokee = http.signIn("revokee", "revokee-password-1");
        assertThat(http.get("/", revokee).statusCode()).isEqualTo(200);
        assertThat(rolesNow(basic("revokee", "revokee-password-1"))).containsExactly("STAFF");

        HttpResponse<String> revoked = http.post("/people/revokee/roles/STAFF/revoke", admin,
                form("csrf", http.csrf(admin)));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/people/revokee?done=REVOKED"));

        assertThat(http.get("/", revokee).statusCode()).as("their page session ended").isEqualTo(303);
        assertThat(rolesNow(basic("revokee", "revokee-password-1"))).as("and the role, even cached").isEmpty();
        HttpResponse<String> page = http.get("/people/revokee?done=REVOKED", admin);
        assertThat(page.body()).contains("The role is revoked", "data-role=\"STAFF\" data-status=\"REVOKED\"")
                .doesNotContain("id=\"revoke-STAFF\"");
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM audit_entries WHERE target LIKE "
                + "'person:revokee/role-grant:%' AND decision = 'REVOKED'", Long.class)).isEqualTo(1);
    }

    @Test
    void anAuthorityRoleGrantedOnThePageWaitsForConfirmation() {
        HttpResponse<String> granted = http.post("/people/member83/roles", admin, form("role", "ELECTION_COMMITTEE",
                "from", "", "until", "2099-01-01", "purposes", "", "scopes", "", "csrf", http.csrf(admin)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(303);
        assertThat(granted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("done=PENDING"));

        HttpResponse<String> page = http.get("/people/member83?done=PENDING", admin);
        assertThat(page.body()).contains("data-role=\"ELECTION_COMMITTEE\" data-status=\"PENDING_CONFIRMATION\"",
                "awaiting confirmation by a second person", "until 2099-01-01", "confers nothing until a second person");
        assertThat(rolesNow(basic("member83", "member-83-password"))).containsExactly("MEMBER");
        JsonNode grant = null;
        for (JsonNode role : person("member83").path("roles")) {
            if (role.path("role").asText().equals("ELECTION_COMMITTEE")) {
                grant = role;
            }
        }
        assertThat(grant).isNotNull();
        assertThat(grant.path("status").asText()).isEqualTo("PENDING_CONFIRMATION");

        HttpResponse<String> again = http.post("/people/member83/roles", admin, form("role", "ELECTION_COMMITTEE",
                "csrf", http.csrf(admin)));
        assertThat(again.statusCode()).as("already awaiting: the service's 409").isEqualTo(409);
        assertThat(again.body()).contains("This was not done: member83 already holds ELECTION_COMMITTEE")
                .contains("govuk-error-summary").doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aDesigneeNeedsItsDesignationAndTheRefusalIsShownAtTheField() {
        HttpResponse<String> refused = http.post("/people/member83/roles", admin, form("role", "DESIGNEE",
                "until", "2099-01-01", "purposes", "NOT_A_PURPOSE", "scopes", "REGION:R3", "csrf", http.csrf(admin)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("href=\"#purposes\"", "id=\"purposes-error\"", "NOT_A_PURPOSE");
        assertThat(refused.body()).as("what was typed comes back").contains("value=\"REGION:R3\"");
    }

    @Test
    void formsWithoutTheirTokenOrFromANonAdministratorChangeNothing() {
        assertThat(http.post("/people/member83/disable", admin, "").statusCode()).as("no token").isEqualTo(403);
        assertThat(http.post("/people/member83/disable", admin, form("csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(http.post("/people/member83/roles", admin, form("role", "STEWARD")).statusCode()).isEqualTo(403);
        assertThat(http.post("/people/member83/password", admin, form("password", "another-password-83",
                "passwordAgain", "another-password-83")).statusCode()).isEqualTo(403);

        String staff = http.signIn("staff1", "staff-one-password");
        assertThat(http.get("/people/member83", staff).statusCode()).isEqualTo(403);
        assertThat(http.post("/people/member83/disable", staff, form("csrf", http.csrf(staff))).statusCode())
                .isEqualTo(403);
        assertThat(http.post("/people/member83/roles/MEMBER/revoke", staff, form("csrf", http.csrf(staff))).statusCode())
                .isEqualTo(403);

        JsonNode member = person("member83");
        assertThat(member.path("disabled").asBoolean()).isFalse();
        assertThat(member.path("roles").toString()).doesNotContain("STEWARD");
        assertThat(rolesNow(basic("member83", "member-83-password"))).contains("MEMBER");
    }

    @Test
    void disableEnableAndANewPasswordTypedTwice() {
        TestPeople.create(api, adminApi, "temp2", "Temp Two", "temp-two-password", "MEMBER", null);
        assertThat(http.post("/people/temp2/disable", admin, form("csrf", http.csrf(admin))).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/v1/me", basic("temp2", "temp-two-password")).statusCode()).isEqualTo(401);
        assertThat(http.get("/people/temp2", admin).body()).contains("data-disabled=\"true\"", "id=\"enable\"");
        assertThat(http.post("/people/temp2/enable", admin, form("csrf", http.csrf(admin))).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/v1/me", basic("temp2", "temp-two-password")).statusCode()).isEqualTo(200);

        HttpResponse<String> differ = http.post("/people/temp2/password", admin, form("password", "new-temp-password-1",
                "passwordAgain", "new-temp-password-2", "csrf", http.csrf(admin)));
        assertThat(differ.statusCode()).isEqualTo(400);
        assertThat(differ.body()).contains("The two passwords are not the same").doesNotContain("new-temp-password");
        assertThat(api.get("/api/v1/me", basic("temp2", "temp-two-password")).statusCode()).as("unchanged").isEqualTo(200);

        HttpResponse<String> tooShort = http.post("/people/temp2/password", admin, form("password", "short",
                "passwordAgain", "short", "csrf", http.csrf(admin)));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("This was not done:", "id=\"password-error\"");

        assertThat(http.post("/people/temp2/password", admin, form("password", "new-temp-password-1",
                "passwordAgain", "new-temp-password-1", "csrf", http.csrf(admin))).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/v1/me", basic("temp2", "temp-two-password")).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", basic("temp2", "new-temp-password-1")).statusCode()).isEqualTo(200);
        assertThat(auditEntries("person:temp2")).as("created, disabled, enabled, password").isEqualTo(4);
    }

    @Test
    void aCandidacyIsWithdrawnFromThePage() {
        TestElections.forCandidacy(superuser, "L083-2027", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/cand83/candidacies", adminApi, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "L083-2027"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        long id = json(declared).path("id").asLong();
        assertThat(http.get("/people/cand83", admin).body()).contains("id=\"withdraw-" + id + "\"", "election L083-2027");
        assertThat(http.post("/people/cand83/candidacies/" + id + "/withdraw", admin, form("csrf", http.csrf(admin)))
                .statusCode()).isEqualTo(303);
        assertThat(person("cand83").path("candidacies").size()).isZero();
        assertThat(http.get("/people/cand83", admin).body()).contains("id=\"no-candidacies\"");
        assertThat(auditEntries("person:cand83/candidacy:" + id)).as("created, withdrawn").isEqualTo(2);
    }

    // ---- /campaigns ---------------------------------------------------------------------------

    static String campaignForm(String name, String csrf, LocalDate starts, LocalDate ends, String... more) {
        List<String> pairs = new ArrayList<>(List.of("name", name, "kind", "ORGANIZING", "scopeType", "LOCAL",
                "scopeId", "L083", "startsOn", starts.toString(), "endsOn", ends.toString(), "ownerUsername", "",
                "classifications", "", "worksites", "", "csrf", csrf));
        for (int i = 0; i < more.length; i += 2) {
            int at = pairs.indexOf(more[i]);
            pairs.set(at + 1, more[i + 1]);
        }
        return form(pairs.toArray(String[]::new));
    }

    static long createdId(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        Matcher m = Pattern.compile("/campaigns\\?created=(\\d+)$").matcher(created.headers().firstValue("Location")
                .orElseThrow());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void staffCreateACampaignThatWaitsForItsApproversAndTheExecutiveDirectorsIsActiveAtOnce() {
        String staff = http.signIn("staff1", "staff-one-password");
        assertThat(http.get("/", staff).body()).contains("href=\"/campaigns/new\"");
        HttpResponse<String> form = http.get("/campaigns/new", staff);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label class=\"govuk-label\" for=\"worksites\">");

        long pending = createdId(http.post("/campaigns/new", staff, campaignForm("Organize DMV", http.csrf(staff), TODAY,
                TODAY.plusDays(30), "worksites", "DMV Salem\nDMV Portland", "classifications", "Office Specialist 2")));
        HttpResponse<String> listed = http.get("/campaigns?created=" + pending, staff);
        assertThat(listed.body()).contains("is created and is waiting for approval by", "Local president of local L083",
                "Executive director", "id=\"campaign-" + pending + "\" data-status=\"PENDING_APPROVAL\"",
                "worksites DMV Salem, DMV Portland", "classifications Office Specialist 2");
        JsonNode shown = json(api.get("/api/v1/campaigns/" + pending, adminApi));
        assertThat(shown.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(shown.path("owner").asText()).isEqualTo("staff1");
        assertThat(shown.path("targets").path("worksites").toString()).isEqualTo("[\"DMV Salem\",\"DMV Portland\"]");

        String ed = http.signIn("ed1", "executive-1-password");
        long active = createdId(http.post("/campaigns/new", ed, campaignForm("Contract push", http.csrf(ed), TODAY,
                TODAY.plusDays(10))));
        assertThat(http.get("/campaigns?created=" + active, ed).body()).contains("is created and active",
                "id=\"campaign-" + active + "\" data-status=\"ACTIVE\"");
        assertThat(json(api.get("/api/v1/campaigns/" + active, adminApi)).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anOverLongCampaignIsRefusedAtItsLastDayAndNothingIsCreated() {
        String staff = http.signIn("staff1", "staff-one-password");
        long before = TestDatabases.one(superuser, "SELECT count(*) FROM campaigns", Long.class);
        HttpResponse<String> refused = http.post("/campaigns/new", staff, campaignForm("Forever", http.csrf(staff), TODAY,
                TODAY.plusDays(400)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("href=\"#endsOn\"", "id=\"endsOn-error\"", "a campaign runs at most 365 days")
                .contains("value=\"Forever\"");
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM campaigns", Long.class)).isEqualTo(before);

        HttpResponse<String> noToken = http.post("/campaigns/new", staff, campaignForm("No token", "", TODAY,
                TODAY.plusDays(3)));
        assertThat(noToken.statusCode()).isEqualTo(403);
        String member = http.signIn("member83", "member-83-password");
        assertThat(http.get("/campaigns/new", member).statusCode()).as("not a creator").isEqualTo(403);
        assertThat(http.post("/campaigns/new", member, campaignForm("By a member", http.csrf(member), TODAY,
                TODAY.plusDays(3))).statusCode()).isEqualTo(403);
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM campaigns", Long.class)).isEqualTo(before);
    }

    @Test
    void theOwnerEndsACampaignFromTheListAndOthersSeeNoButton() {
        String staff = http.signIn("staff1", "staff-one-password");
        long id = createdId(http.post("/campaigns/new", staff, campaignForm("To be ended", http.csrf(staff), TODAY,
                TODAY.plusDays(5))));
        String member = http.signIn("member83", "member-83-password");
        assertThat(http.get("/campaigns", member).body()).contains("id=\"campaign-" + id + "\"")
                .doesNotContain("action=\"/campaigns/" + id + "/end\"");
        assertThat(http.post("/campaigns/" + id + "/end", member, form("csrf", http.csrf(member))).statusCode())
                .isEqualTo(403);
        assertThat(http.post("/campaigns/" + id + "/end", staff, "").statusCode()).as("no token").isEqualTo(403);
        assertThat(json(api.get("/api/v1/campaigns/" + id, adminApi)).path("status").asText())
                .isEqualTo("PENDING_APPROVAL");

        assertThat(http.get("/campaigns", staff).body()).contains("action=\"/campaigns/" + id + "/end\"");
        HttpResponse<String> ended = http.post("/campaigns/" + id + "/end", staff, form("csrf", http.csrf(staff)));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(303);
        assertThat(json(api.get("/api/v1/campaigns/" + id, adminApi)).path("status").asText()).isEqualTo("ENDED");
        assertThat(http.get("/campaigns?ended=" + id, staff).body()).contains("“To be ended” has ended",
                "id=\"campaign-" + id + "\" data-status=\"ENDED\"");
        HttpResponse<String> again = http.post("/campaigns/" + id + "/end", staff, form("csrf", http.csrf(staff)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("This was not done: the campaign is ENDED already");
    }
}
