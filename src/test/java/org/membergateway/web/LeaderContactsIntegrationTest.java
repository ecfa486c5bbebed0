package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.web.AckPeopleHttp.form;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.membergateway.testing.UnionFixture;

/**
 * Confidentiality §6 on {@code /leaders} against real PostgreSQL: the board and committee members
 * (people holding an ACTIVE, in-term DIRECTOR, COMMITTEE_CHAIR, STATEWIDE_PRESIDENT or
 * STATEWIDE_OFFICER grant) for every member statewide, the local's officers for its members, each
 * with only what they published (never a member row's mobile number), every view audited with its
 * row count and no values; and the API and form that publish a leader's contacts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LeaderContactsIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-board-contacts";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static Jdbi superuser;
    static AckPeopleHttp http;
    static ApiClient api;
    static String admin;
    static AcknowledgementService acknowledgements;

    @BeforeAll
    static void setUp() {
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R4", "UNIVERSITIES");
        AckPeopleHttp.leader(superuser, "M830001", "Alma", "Steward", "L083", true, false);
        // Dora's member row: work email dora@work.example, mobile 503-555-0010 (personal, never shown).
        AckPeopleHttp.leader(superuser, "M830010", "Dora", "Director", "L083", false, false);
        AckPeopleHttp.leader(superuser, "M830011", "Vic", "Vicechair", "L083", false, false);
        http = new AckPeopleHttp(APP.getLocalPort());
        api = new ApiClient(APP.getLocalPort());
        admin = basic("admin", ADMIN_PASSWORD);
        acknowledgements = ((GatewayApplication) APP.getApplication()).services().acknowledgements();

        person("dora", "Dora Director", List.of("DIRECTOR", "MEMBER"), "L083", List.of("R3"), "M830010");
        person("vic", "Vic Vicechair", List.of("COMMITTEE_CHAIR"), "L083", List.of(), "M830011");
        person("chris", "Chris Chair", List.of("COMMITTEE_CHAIR", "MEMBER"), "L084", List.of(), null);
        person("sam", "Sam Statewide", List.of("STATEWIDE_OFFICER"), null, List.of(), null);
        person("rita", "Rita Revoked", List.of("STATEWIDE_OFFICER"), null, List.of(), null);
        person("ended", "Eddie Endedterm", List.of("COMMITTEE_CHAIR"), null, List.of(), null);
        person("future", "Fay Futureterm", List.of("MEMBER"), "L083", List.of(), null);
        person("gone", "Gus Disabled", List.of("COMMITTEE_CHAIR"), null, List.of(), null);
        person("lee", "Lee Localpresident", List.of("LOCAL_PRESIDENT"), "L083", List.of(), null);
        person("lou", "Lou Localofficer", List.of("LOCAL_OFFICER"), "L083", List.of(), null);
        person("otto", "Otto Otherlocal", List.of("LOCAL_OFFICER"), "L084", List.of(), null);
        person("m83", "Member Eighty-Three", List.of("MEMBER"), "L083", List.of(), null);
        person("m84", "Member Eighty-Four", List.of("MEMBER"), "L084", List.of(), null);
        // A committee chair whose term starts in 2099 is not a committee member yet.
        HttpResponse<String> later = api.postJson("/api/v1/people/future/roles", admin,
                Map.of("role", "COMMITTEE_CHAIR", "from", "2099-01-01"));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        // A term that ended (the API only takes future ends, so the test moves it into the past).
        superuser.useHandle(h -> h.execute("UPDATE role_grants SET valid_from = '2020-01-01', valid_until = '2021-01-01'"
                + " WHERE person_id = (SELECT id FROM people WHERE username = 'ended')"));
        assertThat(api.post("/api/v1/people/gone/disable", admin, "application/json", "").statusCode()).isEqualTo(204);
        // The first statewide president confirms authority grants from now on: Paula's director seat waits.
        person("pat", "Pat President", List.of("STATEWIDE_PRESIDENT"), null, List.of(), null);
        person("paula", "Paula Pendingdirector", List.of("DIRECTOR"), null, List.of("R4"), null);
        assertThat(count("SELECT count(*) FROM role_grants g JOIN people p ON p.id = g.person_id"
                + " WHERE p.username = 'paula' AND g.status = 'PENDING_CONFIRMATION'")).isEqualTo(1);
        // Without a current signature the policy allows nobody anything (confidentiality §10).
        for (Map.Entry<String, String> signer : Map.of("m83", "Member Eighty-Three", "m84", "Member Eighty-Four",
                "chris", "Chris Chair", "dora", "Dora Director").entrySet()) {
            TestPeople.acknowledgeEverything(api, acknowledgements, auth(signer.getKey()), signer.getValue());
        }
    }

    static String password(String username) {
        return username + "-" + username + "-pw-board";
    }

    static String auth(String username) {
        return basic(username, password(username));
    }

    static void person(String username, String displayName, List<String> roles, String local, List<String> regions,
                       String memberId) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("username", username);
        person.put("displayName", displayName);
        person.put("password", password(username));
        person.put("roles", roles);
        person.put("locals", local == null ? List.of() : List.of(local));
        person.put("regions", regions);
        if (memberId != null) {
            person.put("memberId", memberId);
        }
        HttpResponse<String> created = api.postJson("/api/v1/people", admin, person);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static long count(String sql) {
        return TestDatabases.one(superuser, sql, Long.class);
    }

    /** The HTML of one table, by id. */
    static String table(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table #" + id).isPositive();
        return html.substring(start, html.indexOf("</table>", start));
    }

    static int rows(String tableHtml) {
        return tableHtml.split("<th scope=\"row\"", -1).length - 1;
    }

    @Test
    void theBoardListShowsOnlyActiveInTermGrantHoldersToEveryMemberStatewide() {
        String member = http.signIn("m84", password("m84"));
        HttpResponse<String> page = http.get("/leaders", member);
        assertThat(page.statusCode()).isEqualTo(200);
        String board = table(page.body(), "board");
        assertThat(board).contains("Dora Director", "Director (region R3)", "Chris Chair", "Sam Statewide", "Pat President")
                .as("a term that has not started").doesNotContain("Fay Futureterm")
                .as("a term that has ended").doesNotContain("Eddie Endedterm")
                .as("a disabled person").doesNotContain("Gus Disabled")
                .as("a grant waiting for confirmation").doesNotContain("Paula Pendingdirector")
                .as("a local officer is not a board member").doesNotContain("Lee Localpresident", "Lou Localofficer");
        assertThat(board).contains("Vic Vicechair").as("the work email of Vic's member record, by default")
                .contains("vic@work.example");
        assertThat(page.body()).as("a member row's personal numbers and home email never show")
                .doesNotContain("503-555-0010", "503-555-0011", "vic@home.example", "dora@home.example");
        assertThat(page.body()).as("the headings of both sections")
                .contains("Board and committee members", "Your local’s leaders");
    }

    @Test
    void aRevokedRoleDisappearsAtOnce() {
        String member = http.signIn("m83", password("m83"));
        assertThat(table(http.get("/leaders", member).body(), "board")).contains("Rita Revoked");
        assertThat(api.delete("/api/v1/people/rita/roles/STATEWIDE_OFFICER", admin).statusCode()).isEqualTo(204);
        assertThat(table(http.get("/leaders", member).body(), "board")).doesNotContain("Rita Revoked");
    }

    @Test
    void aPublishedPhoneIsShownOnlyOnceSetAndTheChangeIsAuditedWithoutValues() {
        String member = http.signIn("m83", password("m83"));
        String before = table(http.get("/leaders", member).body(), "board");
        assertThat(before).doesNotContain("+1 503 555 0199", "chris.chair@union.example");
        JsonNode defaults = ApiClient.json(api.get("/api/v1/people/chris/published-contact", auth("chris")));
        assertThat(defaults.get("chosen").asBoolean()).isFalse();
        assertThat(defaults.get("phone").isNull()).as("no phone until the leader types one").isTrue();

        HttpResponse<String> put = api.put("/api/v1/people/chris/published-contact", auth("chris"), "application/json",
                "{\"workEmail\": \"chris.chair@union.example\", \"phone\": \"+1 503 555 0199\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(ApiClient.json(put).get("phone").asText()).isEqualTo("+1 503 555 0199");
        assertThat(table(http.get("/leaders", member).body(), "board")).contains("chris.chair@union.example", "+1 503 555 0199");
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND actor = 'chris'"
                + " AND target = 'person:chris/published-contact:email+phone' AND decision = 'UPDATED'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE target LIKE '%555%' OR target LIKE '%union.example%'"
                + " OR coalesce(reasons, '') LIKE '%555%'")).as("no values in the trail").isZero();

        HttpResponse<String> withdrawn = api.put("/api/v1/people/chris/published-contact", auth("chris"),
                "application/json", "{\"workEmail\": \"chris.chair@union.example\", \"phone\": \"+1 503 555 0199\","
                        + " \"published\": false}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        String after = table(http.get("/leaders", member).body(), "board");
        assertThat(after).contains("Chris Chair").doesNotContain("chris.chair@union.example", "+1 503 555 0199");
    }

    @Test
    void viewsAreAuditedAsReleasesWithTheirRowCountsOnly() {
        String member = http.signIn("m83", password("m83"));
        HttpResponse<String> page = http.get("/leaders", member);
        int boardRows = rows(table(page.body(), "board"));
        assertThat(boardRows).isPositive();
        Map<String, Object> board = superuser.withHandle(h -> h.createQuery("""
                SELECT target, decision, row_count, policy_version FROM audit_entries
                WHERE action = 'DATA_RELEASE' AND actor = 'm83' AND target LIKE 'board-contacts:%'
                ORDER BY seq DESC LIMIT 1""").mapToMap().one());
        assertThat(board).containsEntry("target", "board-contacts:STATEWIDE:ALL:EMAIL").containsEntry("decision", "VIEWED")
                .containsEntry("row_count", (long) boardRows);
        assertThat(board.get("policy_version").toString()).startsWith("sha256:");

        // The local's section: Alma (a steward's member row) and the two officers of L083, not L084's.
        String officers = table(page.body(), "officers");
        assertThat(officers).contains("Lee Localpresident", "Local president", "Lou Localofficer")
                .doesNotContain("Otto Otherlocal");
        Map<String, Object> local = superuser.withHandle(h -> h.createQuery("""
                SELECT target, row_count FROM audit_entries
                WHERE action = 'DATA_RELEASE' AND actor = 'm83' AND target LIKE 'leaders:%'
                ORDER BY seq DESC LIMIT 1""").mapToMap().one());
        assertThat(local).containsEntry("target", "leaders:LOCAL:L083:EMAIL").containsEntry("row_count", 3L);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE (target LIKE 'board-contacts:%' OR target LIKE 'leaders:%')"
                + " AND (target LIKE '%@%' OR target LIKE '%Dora%' OR target LIKE '%503%')")).isZero();
    }

    @Test
    void theApiValidatesAndOnlyTheLeaderOrAnAdministratorPublishes() {
        HttpResponse<String> email = api.put("/api/v1/people/sam/published-contact", auth("sam"), "application/json",
                "{\"workEmail\": \"not an address\"}");
        assertThat(email.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(email).get("field").asText()).isEqualTo("workEmail");
        HttpResponse<String> phone = api.put("/api/v1/people/sam/published-contact", auth("sam"), "application/json",
                "{\"phone\": \"call me maybe\"}");
        assertThat(phone.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(phone).get("field").asText()).isEqualTo("phone");
        assertThat(api.put("/api/v1/people/sam/published-contact", auth("sam"), "application/json",
                "{\"phone\": \"+1 503 555 0100 0100 0100\"}").statusCode()).as("more than 15 digits").isEqualTo(400);
        assertThat(api.put("/api/v1/people/sam/published-contact", auth("m83"), "application/json",
                "{\"phone\": \"+15035550100\"}").statusCode()).as("someone else's").isEqualTo(403);
        assertThat(api.get("/api/v1/people/sam/published-contact", auth("m83")).statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM published_contacts c JOIN people p ON p.id = c.person_id"
                + " WHERE p.username = 'sam'")).as("nothing stored by refused requests").isZero();

        HttpResponse<String> byAdmin = api.put("/api/v1/people/sam/published-contact", admin, "application/json",
                "{\"workEmail\": \"sam@union.example\"}");
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        JsonNode shown = ApiClient.json(api.get("/api/v1/people/sam/published-contact", auth("sam")));
        assertThat(shown.get("workEmail").asText()).isEqualTo("sam@union.example");
        assertThat(shown.get("chosen").asBoolean()).isTrue();
    }

    @Test
    void aLeaderPublishesThroughThePageFormWithItsTokenOnly() {
        String leader = http.signIn("dora", password("dora"));
        HttpResponse<String> page = http.get("/leaders", leader);
        assertThat(page.body()).contains("action=\"/leaders/published-contact\"", "name=\"workEmail\"",
                "value=\"dora@work.example\"");
        HttpResponse<String> forged = http.post("/leaders/published-contact", leader,
                form("workEmail", "dora.board@union.example", "phone", "+1 503 555 0142", "published", "true"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM published_contacts c JOIN people p ON p.id = c.person_id"
                + " WHERE p.username = 'dora'")).isZero();

        HttpResponse<String> bad = http.post("/leaders/published-contact", leader, form("workEmail", "dora",
                "phone", "", "published", "true", "csrf", http.csrf(leader)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("govuk-error-summary", "Enter an email address");

        HttpResponse<String> saved = http.post("/leaders/published-contact", leader, form("workEmail",
                "dora.board@union.example", "phone", "+1 503 555 0142", "published", "true", "csrf", http.csrf(leader)));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/leaders?published=true"));
        String member = http.signIn("m84", password("m84"));
        assertThat(table(http.get("/leaders", member).body(), "board"))
                .contains("dora.board@union.example", "+1 503 555 0142").doesNotContain("503-555-0010");

        String plainMember = http.signIn("m83", password("m83"));
        assertThat(http.get("/leaders", plainMember).body()).as("no form for someone without a leadership role")
                .doesNotContain("action=\"/leaders/published-contact\"");
        assertThat(http.post("/leaders/published-contact", plainMember, form("workEmail", "m83@union.example",
                "csrf", http.csrf(plainMember))).statusCode()).isEqualTo(403);
    }

    @Test
    void boardContactsAreNeverAStoredListOrAnExport() {
        HttpResponse<String> created = api.postJson("/api/v1/list-requests", auth("m83"), Map.of(
                "purpose", "BOARD_CONTACTS", "scope", Map.of("type", "STATEWIDE", "id", "ALL"), "audience", "MEMBERS",
                "channel", "EMAIL", "fields", List.of("display_name", "published_work_email"), "justification", "export"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(ApiClient.json(created).get("field").asText()).isEqualTo("purpose");
    }
}
