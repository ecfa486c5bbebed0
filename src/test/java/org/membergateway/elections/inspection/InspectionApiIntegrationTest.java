package org.membergateway.elections.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * List inspection by candidates (29 CFR 452.71–452.72) over HTTP on embedded PostgreSQL with a clock
 * the test holds (10:00 on 2026-12-01 in Salem): the window's edges (the 30th day before election day
 * open, the 31st not, the day ballots are mailed closed), once per candidate per election, only that
 * election's candidates, the pages (100 at most, in a stable order, the electorate's MEMBERs in scope,
 * names and addresses only), someone else's inspection 404, an expired one 410, and an audit entry
 * per decision and per page, with counts and never a value.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InspectionApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-16";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(InspectionClockApp.class,
            ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String C1 = basic("cand1", "candidate-1-password");
    static final String C2 = basic("cand2", "candidate-2-password");
    static final String C3 = basic("cand3", "candidate-3-password");
    static final String C4 = basic("cand4", "candidate-4-password");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static ApiClient api;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "UNIVERSITIES")
                .local("L101", "R1", "STATE_AGENCIES");
        // 230 people: L083 1-20, L084 21-220 (both R3), L101 221-230 (R1); every 50th pays a fair share.
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip, home_phone, home_email, birth_date)
                SELECT 'I' || lpad(i::text, 3, '0'), 'First' || i, 'Last' || lpad(i::text, 3, '0'),
                       CASE WHEN i <= 20 THEN 'L083' WHEN i <= 220 THEN 'L084' ELSE 'L101' END,
                       CASE WHEN i <= 220 THEN 'R3' ELSE 'R1' END,
                       CASE WHEN i <= 20 OR i > 220 THEN 'STATE_AGENCIES' ELSE 'UNIVERSITIES' END,
                       CASE WHEN i % 50 = 0 THEN 'FAIR_SHARE' ELSE 'MEMBER' END,
                       i || ' Elm St', 'Salem', 'OR', '97301', '503-555-1' || lpad(i::text, 3, '0'),
                       'i' || i || '@example.org', DATE '1980-01-01' + i
                FROM generate_series(1, 230) AS i"""));
        long mail = TestElections.placeholderVendor(superuser, "Inspection test mail house");
        election("E-D30", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", null, TODAY.plusDays(30));
        election("E-D31", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", null, TODAY.plusDays(31), mail);
        election("E-MAILED", Office.BOARD_SEAT, ScopeType.REGION, "R3", TODAY, TODAY.plusDays(14), mail);
        election("E-MAILSOON", Office.BOARD_SEAT, ScopeType.REGION, "R3", TODAY.plusDays(1), TODAY.plusDays(14), mail);
        election("E-TODAY", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", null, TODAY, mail);
        election("E-R3", Office.BOARD_SEAT, ScopeType.REGION, "R3", null, TODAY.plusDays(10), mail);
        election("E-EXP", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", null, TODAY.plusDays(5), mail);
        election("E-STATE", Office.STATEWIDE_OFFICE, ScopeType.STATEWIDE, "ALL", null, TODAY.plusDays(5), mail);
        for (int i = 1; i <= 4; i++) {
            TestPeople.create(api, ADMIN, "cand" + i, "Candidate Number" + i, "candidate-" + i + "-password", "MEMBER", "L083");
        }
        for (String e : List.of("E-D30", "E-D31", "E-TODAY")) {
            declare("cand1", "LOCAL_OFFICE", "LOCAL", "L083", e);
        }
        declare("cand1", "BOARD_SEAT", "REGION", "R3", "E-MAILED");
        declare("cand1", "BOARD_SEAT", "REGION", "R3", "E-MAILSOON");
        declare("cand2", "BOARD_SEAT", "REGION", "R3", "E-R3");
        declare("cand2", "STATEWIDE_OFFICE", "STATEWIDE", "ALL", "E-STATE");
        declare("cand3", "LOCAL_OFFICE", "LOCAL", "L083", "E-EXP");
        long withdrawn = declare("cand4", "LOCAL_OFFICE", "LOCAL", "L083", "E-D30");
        HttpResponse<String> withdraw = api.delete("/api/v1/people/cand4/candidacies/" + withdrawn, ADMIN);
        assertThat(withdraw.statusCode()).as(withdraw.body()).isEqualTo(204);
    }

    /** Nominations close on the last day the CHECKs allow, so declaring a candidacy today is never late. */
    static void election(String id, Office office, ScopeType type, String scope, LocalDate ballotsMailedOn,
                         LocalDate electionDay, long... vendor) {
        long mail = vendor.length > 0 ? vendor[0] : TestElections.placeholderVendor(superuser, "Mail house " + id);
        TestElections.insert(superuser, id, office, type, scope, ballotsMailedOn != null ? ballotsMailedOn : electionDay,
                ballotsMailedOn, electionDay, mail, null);
    }

    static long declare(String username, String office, String scopeType, String scopeId, String election) {
        HttpResponse<String> declared = api.postJson("/api/v1/people/" + username + "/candidacies", ADMIN, Map.of(
                "office", office, "scopeType", scopeType, "scopeId", scopeId, "electionId", election));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        return json(declared).path("id").asLong();
    }

    static HttpResponse<String> open(String who, String election) {
        return api.post("/api/v1/elections/" + election + "/inspections", who, "application/json", "");
    }

    static HttpResponse<String> page(String who, String election, long inspection, Integer page) {
        return api.get("/api/v1/elections/" + election + "/inspections/" + inspection + "/members"
                + (page == null ? "" : "?page=" + page), who);
    }

    static List<Map<String, Object>> entries(String actor, String action) {
        return superuser.withHandle(h -> h.createQuery("""
                        SELECT action, target, decision, reasons, row_count FROM audit_entries
                        WHERE actor = :actor AND action = :action ORDER BY seq""")
                .bind("actor", actor).bind("action", action).mapToMap().list());
    }

    static void assertRefused(HttpResponse<String> answer, String... words) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        JsonNode body = json(answer);
        assertThat(body.path("error").asText()).isEqualTo("INSPECTION_NOT_AVAILABLE");
        assertThat(body.path("message").asText()).contains(words);
    }

    @Test
    void theThirtiethDayBeforeTheElectionIsOpenAndASecondInspectionIsRefusedNamingTheDay() {
        HttpResponse<String> opened = open(C1, "E-D30");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(opened.headers().firstValue("Cache-Control")).contains("no-store");
        OffsetDateTime expiresAt = OffsetDateTime.parse(json(opened).path("expiresAt").asText());
        assertThat(expiresAt.toInstant()).isEqualTo(InspectionClockApp.CLOCK.instant().plus(Duration.ofHours(2)));

        assertRefused(open(C1, "E-D30"), "already inspected", "on 2026-12-01");
        long rows = superuser.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM election_inspections WHERE election_id = 'E-D30'").mapTo(Long.class).one());
        assertThat(rows).isEqualTo(1);
        List<Map<String, Object>> decisions = entries("cand1", "DECISION").stream()
                .filter(e -> String.valueOf(e.get("target")).startsWith("election:E-D30/")).toList();
        assertThat(decisions).extracting(e -> e.get("decision")).containsExactly("APPROVED", "DENIED");
        assertThat(decisions.get(0).get("target")).isEqualTo("election:E-D30/inspection:" + json(opened).path("id").asLong());
        assertThat(decisions.get(1).get("reasons")).isEqualTo("ALREADY_INSPECTED");
    }

    @Test
    void theThirtyFirstDayBeforeElectionDayAndElectionDayItselfAreOutsideTheWindow() {
        assertRefused(open(C1, "E-D31"), "from 2026-12-02 to 2026-12-31", "today is 2026-12-01");
        assertRefused(open(C1, "E-TODAY"), "today is 2026-12-01");
        assertThat(entries("cand1", "DECISION")).filteredOn(e -> "election:E-D31/inspection".equals(e.get("target")))
                .extracting(e -> e.get("decision") + " " + e.get("reasons")).containsExactly("DENIED OUTSIDE_INSPECTION_WINDOW");
    }

    @Test
    void theWindowClosesTheDayBallotsAreMailedAndAnInspectionTheDayBeforeEndsAtMidnight() {
        assertRefused(open(C1, "E-MAILED"), "before ballots are mailed on 2026-12-01", "to 2026-11-30");
        HttpResponse<String> eve = open(C1, "E-MAILSOON");
        assertThat(eve.statusCode()).as(eve.body()).isEqualTo(201);
        OffsetDateTime expiresAt = OffsetDateTime.parse(json(eve).path("expiresAt").asText());
        assertThat(expiresAt.toInstant()).isBeforeOrEqualTo(TODAY.plusDays(1)
                .atStartOfDay(InspectionClockApp.CLOCK.getZone()).toInstant());
    }

    @Test
    void onlyADeclaredNotWithdrawnCandidateOfThatElectionMayInspectAndAnUnknownElectionIs404() {
        assertRefused(open(C2, "E-D30"), "not a declared candidate of election E-D30");
        assertRefused(open(C4, "E-D30"), "not a declared candidate");
        assertRefused(open(ADMIN, "E-D30"), "not a declared candidate");
        assertThat(entries("cand4", "DECISION")).extracting(e -> e.get("decision") + " " + e.get("reasons"))
                .containsExactly("DENIED NOT_A_CANDIDATE");
        HttpResponse<String> unknown = open(C1, "E-NONE");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(api.post("/api/v1/elections/E-D30/inspections", null, "application/json", "").statusCode()).isEqualTo(401);
    }

    @Test
    void pagesHoldTheRegionsMembersNamesAndAddressesOnlyAHundredAtATimeInAStableOrderEachAudited() {
        HttpResponse<String> opened = open(C2, "E-R3");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long id = json(opened).path("id").asLong();
        // R3: members 1-220 but the fair-share payers 50, 100, 150 and 200: 216, in three pages.
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 220; i++) {
            if (i % 50 != 0) {
                expected.add(String.format("First%d Last%03d|%d Elm St|Salem|OR|97301", i, i, i));
            }
        }
        List<String> seen = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            HttpResponse<String> answer = page(C2, "E-R3", id, p == 1 ? null : p);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode body = json(answer);
            assertThat(body.path("page").asInt()).isEqualTo(p);
            assertThat(body.path("pages").asInt()).isEqualTo(3);
            assertThat(body.path("members").size()).isEqualTo(p < 3 ? 100 : 16);
            for (JsonNode m : body.path("members")) {
                List<String> names = new ArrayList<>();
                m.fieldNames().forEachRemaining(names::add);
                assertThat(names).containsExactly("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
                seen.add(m.path("first_name").asText() + " " + m.path("last_name").asText() + "|" + m.path("home_street").asText()
                        + "|" + m.path("home_city").asText() + "|" + m.path("home_state").asText() + "|" + m.path("home_zip").asText());
            }
            assertThat(answer.body()).doesNotContain("@example.org").doesNotContain("503-555").doesNotContain("1980-");
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        // Each page viewed: one entry, with its page number and row count and no value.
        List<Map<String, Object>> releases = entries("cand2", "DATA_RELEASE");
        assertThat(releases).extracting(e -> e.get("target") + " " + e.get("decision") + " " + e.get("row_count"))
                .containsExactly("election:E-R3/inspection:" + id + "/page:1 VIEWED 100",
                        "election:E-R3/inspection:" + id + "/page:2 VIEWED 100",
                        "election:E-R3/inspection:" + id + "/page:3 VIEWED 16");
        // A page past the last is a 400 naming the parameter, and is not a release.
        HttpResponse<String> past = page(C2, "E-R3", id, 4);
        assertThat(past.statusCode()).as(past.body()).isEqualTo(400);
        assertThat(json(past).path("field").asText()).isEqualTo("page");
        assertThat(entries("cand2", "DATA_RELEASE")).hasSize(3);
        String trail = superuser.withHandle(h -> h.createQuery("SELECT string_agg(concat_ws(' ', actor, target, reasons), ' ') "
                + "FROM audit_entries").mapTo(String.class).one());
        assertThat(trail).doesNotContain("Elm St").doesNotContain("Last0").doesNotContain("First1");
    }

    @Test
    void aStatewideElectionsElectorateIsEveryMember() {
        HttpResponse<String> opened = open(C2, "E-STATE");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode last = json(page(C2, "E-STATE", json(opened).path("id").asLong(), 3));
        // 230 people less the four fair-share payers: 226, the last page 26.
        assertThat(last.path("pages").asInt()).isEqualTo(3);
        assertThat(last.path("members").size()).isEqualTo(26);
        assertThat(last.path("members").get(25).path("last_name").asText()).isEqualTo("Last230");
    }

    @Test
    void someoneElsesInspectionIs404AndAnExpiredOneIs410() {
        HttpResponse<String> opened = open(C3, "E-EXP");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long id = json(opened).path("id").asLong();
        assertThat(page(C3, "E-EXP", id, 1).statusCode()).isEqualTo(200);
        assertThat(json(page(C3, "E-EXP", id, 1)).path("members").size()).isEqualTo(20);
        // Another candidate, an admin, or the right inspection under another election: not theirs, not found.
        assertThat(page(C1, "E-EXP", id, 1).statusCode()).isEqualTo(404);
        assertThat(page(ADMIN, "E-EXP", id, 1).statusCode()).isEqualTo(404);
        assertThat(page(C3, "E-D30", id, 1).statusCode()).isEqualTo(404);
        assertThat(page(C3, "E-EXP", 999_999, 1).statusCode()).isEqualTo(404);
        long releases = entries("cand3", "DATA_RELEASE").size();

        InspectionClockApp.CLOCK.advance(Duration.ofHours(2));
        HttpResponse<String> expired = page(C3, "E-EXP", id, 1);
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(410);
        assertThat(json(expired).path("error").asText()).isEqualTo("INSPECTION_CLOSED");
        assertThat(entries("cand3", "DATA_RELEASE")).hasSize((int) releases);
        // And it cannot be opened again.
        assertRefused(open(C3, "E-EXP"), "already inspected");
    }
}
