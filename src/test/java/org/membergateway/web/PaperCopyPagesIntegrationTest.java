package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.PageForms.get;
import static org.membergateway.testing.PageForms.post;
import static org.membergateway.testing.PageForms.send;
import static org.membergateway.testing.PageForms.withToken;
import static org.membergateway.testing.ApiClient.json;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.members.MembershipStatus;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.PageForms;
import org.membergateway.testing.PageForms.Session;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Issue 15's paper path and the uses of an approval, over raw HTTP on embedded PostgreSQL: an
 * approved voting-data request is offered as an encrypted file or on paper; opening the paper copy
 * (a CSRF-guarded POST) is one use of the approval, after which no file can be built and the page
 * says why; each page of it holds exactly the approved fields of exactly the selection's rows,
 * 500 a page, is {@code no-store} and is in the trail (page, row count, no value) before it is
 * answered; nobody else prints it and no other purpose prints. Also: a request under a campaign
 * that has ended is not approved (API and page), and a build whose heartbeat stopped is marked
 * FAILED, audited, and no longer counts as a use.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PaperCopyPagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-paper-copy";
    // The sweep is driven by the test (stalled builds), not by the schedule.
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.sweepEvery", "1h"));
    static final String ELECTION = "E2026-BOARD";
    static final List<String> VOTING_FIELDS = List.of("first_name", "last_name", "local_id", "worksite", "election_id",
            "voted", "method");
    /** Members of L083 with a record of the election: two printed pages, the second of 100 rows. */
    static final int VOTERS = 600;
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static ApiClient api;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R4", "UNIVERSITIES")
                .members("L084", "B", 10, MembershipStatus.MEMBER);
        superuser.useHandle(h -> {
            h.execute("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                         worksite, home_street, home_city, home_state, home_zip, home_email, mobile_phone,
                                         birth_date)
                    SELECT 'P' || lpad(i::text, 4, '0'), 'Given' || i, 'Family' || lpad(i::text, 4, '0'), 'L083', 'R3',
                           'STATE_AGENCIES', 'MEMBER', 'Site ' || mod(i, 7), i || ' Secret St', 'Salem', 'OR', '97301',
                           'p' || i || '@paper.example.org', '503-555-' || lpad(i::text, 4, '0'), DATE '1970-01-01' + i
                    FROM generate_series(1, %d) AS i""".formatted(VOTERS));
            h.execute("""
                    INSERT INTO voting_records (election_id, member_id, voted, method, imported_at, updated_at)
                    SELECT ?, member_id, (substr(member_id, 2)::int % 2 = 1),
                           CASE WHEN substr(member_id, 2)::int % 2 = 1 THEN 'MAIL' END, now(), now()
                    FROM members WHERE local_id = 'L083'""", ELECTION);
        });
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        for (String[] person : new String[][] {
                {"president83", "LOCAL_PRESIDENT", "L083"}, {"officer83", "LOCAL_OFFICER", "L083"},
                {"president84", "LOCAL_PRESIDENT", "L084"}}) {
            TestPeople.create(api, ADMIN, person[0], "Test " + person[0], person[0] + "-password", person[1], person[2]);
            TestPeople.acknowledgeEverything(api, acknowledgements, basic(person[0], person[0] + "-password"),
                    "Test " + person[0]);
        }
        TestPeople.create(api, ADMIN, "auditor9", "Test auditor9", "auditor9-password", "AUDITOR", null);
    }

    // ---- HTTP as a browser does it: PageForms -------------------------------------------------

    static HttpRequest.Builder at(String path) {
        return PageForms.at(APP.getLocalPort(), path);
    }

    static Session signIn(String username) {
        return PageForms.signIn(APP.getLocalPort(), username);
    }

    static long count(String sql, Object... args) {
        return TestDatabases.count(superuser, sql, args);
    }

    /** The president's approved voting-data request for their local (allowed by rule, no approval). */
    static long votingRequest(String who) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "VOTING_DATA");
        body.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        body.put("filters", Map.of("electionId", ELECTION));
        body.put("audience", "MEMBERS");
        body.put("channel", "MAIL");
        body.put("fields", VOTING_FIELDS);
        body.put("justification", "Turnout in our local");
        HttpResponse<String> created = api.postJson("/api/v1/list-requests", basic(who, who + "-password"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asLong();
    }

    static long rowsOf(String html) {
        return Pattern.compile("<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">").matcher(html).results().count();
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void thePaperCopyHoldsExactlyTheApprovedFieldsPagedNoStoreAndEachPageViewIsAudited() {
        Session president = signIn("president83");
        long id = votingRequest("president83");
        String page = get("/requests/" + id, president).body();
        assertThat(page).as("the requester's choice: a file or paper").contains("Build an encrypted file (CSV)")
                .contains("Print on paper").contains("action=\"/requests/" + id + "/print\"")
                .contains("action=\"/requests/" + id + "/exports\"");
        assertThat(get("/requests/" + id + "/print", president).statusCode()).as("not opened yet").isEqualTo(409);

        assertThat(post("/requests/" + id + "/print", president).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(count("SELECT count(*) FROM paper_copies WHERE request_id = ?", id)).isZero();
        HttpResponse<String> opened = post("/requests/" + id + "/print", president, withToken(president));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/requests/" + id + "/print?page=1");
        assertThat(count("SELECT count(*) FROM paper_copies WHERE request_id = ?", id)).isEqualTo(1);
        String copy = TestDatabases.one(superuser, "SELECT id::text FROM paper_copies WHERE request_id = " + id, String.class);

        HttpResponse<String> first = get("/requests/" + id + "/print?page=1", president);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
        assertThat(first.headers().firstValue("Content-Security-Policy").orElse("")).doesNotContain("unsafe-inline");
        String html = first.body();
        assertThat(html).contains("For Test president83 (president83), request " + id + ", printed")
                .contains("Confidential: destroy after use (AP&amp;P XVI §8)")
                .contains("Page 1 of 2").contains("/print.css\"").doesNotContain("style=");
        assertThat(rowsOf(html)).isEqualTo(500);
        // Exactly the approved fields, in their order: the column headings, then the first row's values
        // as the same selection orders them (by name); no contact field, no birth date.
        assertThat(html).contains("<th scope=\"col\" class=\"govuk-table__header\">First name</th>");
        assertThat(Pattern.compile("<th scope=\"col\"").matcher(html).results().count()).isEqualTo(VOTING_FIELDS.size());
        assertThat(html).contains("<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">Given1</td>"
                + "<td class=\"govuk-table__cell\">Family0001</td><td class=\"govuk-table__cell\">L083</td>"
                + "<td class=\"govuk-table__cell\">Site 1</td><td class=\"govuk-table__cell\">" + ELECTION + "</td>"
                + "<td class=\"govuk-table__cell\">true</td><td class=\"govuk-table__cell\">MAIL</td></tr>");
        assertThat(html).doesNotContain("paper.example.org").doesNotContain("Secret St").doesNotContain("503-555-")
                .doesNotContain("1970-").doesNotContain("Family0501").doesNotContain(">L084<");
        String second = get("/requests/" + id + "/print?page=2", president).body();
        assertThat(rowsOf(second)).isEqualTo(VOTERS - 500);
        assertThat(second).contains("Family0501").contains("Family0600").doesNotContain("Family0500<");
        assertThat(get("/requests/" + id + "/print?page=3", president).statusCode()).isEqualTo(400);
        assertThat(get("/requests/" + id + "/print?page=x", president).statusCode()).isEqualTo(400);

        // Each view is a release in the trail, page and rows named, no member value.
        String target = "list-request:" + id + ":paper-copy:" + copy + ":page:";
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND decision = 'PRINTED'"
                + " AND target = ? AND row_count = 500", target + "1/2")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND decision = 'PRINTED'"
                + " AND target = ? AND row_count = 100", target + "2/2")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE target LIKE ? OR target LIKE ? OR reasons::text LIKE ?",
                "%Family%", "%Given%", "%Family%")).isZero();
        get("/requests/" + id + "/print?page=1", president);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE decision = 'PRINTED' AND target = ?", target + "1/2"))
                .as("viewed again, recorded again").isEqualTo(2);

        // Opening it again (a reload) is the same copy: no second use.
        assertThat(post("/requests/" + id + "/print", president, withToken(president)).statusCode()).isEqualTo(303);
        assertThat(count("SELECT count(*) FROM paper_copies WHERE request_id = ?", id)).isEqualTo(1);
        // The approval is used: no file can be built now, and the page says why instead of offering the form.
        String after = get("/requests/" + id, president).body();
        assertThat(after).doesNotContain("action=\"/requests/" + id + "/exports\"").doesNotContain("action=\"/requests/" + id + "/print\"")
                .contains("This approval’s uses are all made").contains("href=\"/requests/" + id + "/print?page=1\"")
                .contains("action=\"/requests/" + id + "/destruction\"");
        HttpResponse<String> csv = api.postJson("/api/v1/list-requests/" + id + "/exports",
                basic("president83", "president83-password"), Map.of("encryption", "PASSPHRASE"));
        assertThat(csv.statusCode()).isEqualTo(409);
        assertThat(json(csv).path("error").asText()).isEqualTo("EXPORTS_USED");
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ?", id)).isZero();

        // The print stylesheet is served from the jar and hides the navigation when printing.
        Matcher stylesheet = Pattern.compile("href=\"(/assets/[^\"]+/print\\.css)\"").matcher(html);
        assertThat(stylesheet.find()).isTrue();
        HttpResponse<String> css = send(at(stylesheet.group(1)), HttpResponse.BodyHandlers.ofString());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.body()).contains("@media print").contains("nav");
        assertThat(get("/requests/" + id + "/print?page=1&lang=vi", president).body())
                .contains("Bảo mật: hủy sau khi dùng (AP&amp;P XVI §8)").contains("Trang 1 / 2");
    }

    @Test
    void aCsvFirstUsesTheApprovalAndTheButtonGoesWithIt() {
        Session president = signIn("president83");
        long id = votingRequest("president83");
        HttpResponse<String> csv = api.postJson("/api/v1/list-requests/" + id + "/exports",
                basic("president83", "president83-password"), Map.of("encryption", "PASSPHRASE"));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
        assertThat(get("/requests/" + id, president).body()).doesNotContain("action=\"/requests/" + id + "/print\"")
                .contains("This approval’s uses are all made");
        HttpResponse<String> refused = post("/requests/" + id + "/print", president, withToken(president));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Make a new request for another copy");
        assertThat(count("SELECT count(*) FROM paper_copies WHERE request_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'ACCESS_REFUSED' AND target = ?",
                "list-request:" + id + ":print")).isEqualTo(1);
    }

    @Test
    void nobodyElsePrintsItAndNoOtherPurposePrints() {
        long id = votingRequest("president83");
        Session owner = signIn("president83");
        assertThat(post("/requests/" + id + "/print", owner, withToken(owner)).statusCode()).isEqualTo(303);
        for (String other : List.of("president84", "officer83")) {
            Session session = signIn(other);
            assertThat(get("/requests/" + id + "/print?page=1", session).statusCode()).as(other).isEqualTo(404);
            assertThat(post("/requests/" + id + "/print", session, withToken(session)).statusCode()).as(other).isEqualTo(404);
        }
        Session auditor = signIn("auditor9");
        assertThat(get("/requests/" + id, auditor).statusCode()).as("an auditor sees the request").isEqualTo(200);
        assertThat(get("/requests/" + id + "/print?page=1", auditor).statusCode()).as("but not its rows").isEqualTo(404);
        assertThat(count("SELECT count(*) FROM paper_copies WHERE request_id = ?", id)).isEqualTo(1);

        // An outreach list is not to be retained (confidentiality §7, §8): no paper, the file as before.
        HttpResponse<String> outreach = api.postJson("/api/v1/list-requests", basic("president84", "president84-password"),
                Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L084"),
                        "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "last_name", "home_email"),
                        "justification", "Bargaining update"));
        assertThat(outreach.statusCode()).as(outreach.body()).isEqualTo(201);
        long local = json(outreach).path("id").asLong();
        Session president84 = signIn("president84");
        String page = get("/requests/" + local, president84).body();
        assertThat(page).doesNotContain("Print on paper").doesNotContain("action=\"/requests/" + local + "/print\"")
                .contains("action=\"/requests/" + local + "/exports\"").contains("Build the list");
        assertThat(post("/requests/" + local + "/print", president84, withToken(president84)).statusCode()).isEqualTo(403);
        assertThat(get("/requests/" + local + "/print?page=1", president84).statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM paper_copies WHERE request_id = ?", local)).isZero();
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'ACCESS_REFUSED' AND target = ?"
                + " AND reasons::text LIKE '%PAPER_NOT_PERMITTED%'", "list-request:" + local + ":print")).isEqualTo(2);
    }

    @Test
    void aRequestUnderACampaignThatHasEndedIsNotApprovedOnTheApiOrThePage() {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        long ended = UnionFixture.in(superuser).campaign("president83", CampaignKind.CAPE, ScopeType.LOCAL, "L083",
                today.minusDays(1), today.plusDays(30));
        long lapsed = UnionFixture.in(superuser).campaign("president83", CampaignKind.ORGANIZING, ScopeType.LOCAL, "L083",
                today.minusDays(1), today.plusDays(30));
        long onEnded = outreach(ended);
        long onLapsed = outreach(lapsed);
        assertThat(api.postJson("/api/v1/campaigns/" + ended + "/end", ADMIN, Map.of()).statusCode()).isEqualTo(200);
        // Past its last day (the fixture cannot make a request under a campaign that is already over).
        superuser.useHandle(h -> h.execute("UPDATE campaigns SET starts_on = ?, ends_on = ? WHERE id = ?",
                today.minusDays(20), today.minusDays(1), lapsed));

        String president = basic("president83", "president83-password");
        for (long id : List.of(onEnded, onLapsed)) {
            HttpResponse<String> refused = api.postJson("/api/v1/list-requests/" + id + "/approval", president,
                    Map.of("approve", true, "note", "ok"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(json(refused).path("error").asText()).isEqualTo("CAMPAIGN_ENDED");
            assertThat(json(refused).path("message").asText()).contains("confidentiality §7, §8");
            assertThat(TestDatabases.one(superuser, "SELECT status FROM list_requests WHERE id = " + id, String.class))
                    .isEqualTo("PENDING_APPROVAL");
            assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DECISION' AND decision = 'DENIED'"
                    + " AND target = ? AND reasons::text LIKE '%CAMPAIGN_ENDED%'", "list-request:" + id + ":approval"))
                    .isEqualTo(1);
        }
        Session session = signIn("president83");
        HttpResponse<String> onPage = post("/approvals/" + onEnded, session, withToken(session, "approve", "true"));
        assertThat(onPage.statusCode()).isEqualTo(409);
        assertThat(onPage.body()).contains("The campaign of this request has ended");
        assertThat(post("/approvals/" + onEnded + "?lang=vi", session, withToken(session, "approve", "true")).body())
                .contains("Chiến dịch của yêu cầu này đã kết thúc");
        // Turning it down stays possible.
        assertThat(post("/approvals/" + onEnded, session, withToken(session, "approve", "false")).statusCode()).isEqualTo(303);
        assertThat(TestDatabases.one(superuser, "SELECT status FROM list_requests WHERE id = " + onEnded, String.class))
                .isEqualTo("REJECTED");
    }

    /** An officer's outreach request under the campaign, waiting for their president. */
    static long outreach(long campaign) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "CAMPAIGN_OUTREACH");
        body.put("campaignId", campaign);
        body.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        body.put("audience", "MEMBERS");
        body.put("channel", "EMAIL");
        body.put("fields", List.of("first_name", "last_name", "home_email"));
        body.put("justification", "Campaign outreach");
        HttpResponse<String> created = api.postJson("/api/v1/list-requests", basic("officer83", "officer83-password"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return json(created).path("id").asLong();
    }

    @Test
    void aBuildWhoseHeartbeatStoppedIsMarkedFailedAuditedAndNoLongerUsesTheApproval() {
        long id = votingRequest("president83");
        UUID stalled = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        long other = votingRequest("president83");
        superuser.useHandle(h -> {
            // A crash mid-build: BUILDING, its heartbeat an hour old (past exports.stalledAfter, 10 minutes).
            h.execute("""
                    INSERT INTO exports (id, request_id, encryption, status, rows_written, progress_at, created_by, expires_at,
                                         max_downloads)
                    VALUES (?, ?, 'PASSPHRASE', 'BUILDING', 12, now() - interval '1 hour', 'president83',
                            now() + interval '1 day', 3)""", stalled, id);
            // A build still running on another instance sharing the database: its heartbeat is fresh.
            h.execute("""
                    INSERT INTO exports (id, request_id, encryption, status, rows_written, progress_at, created_by, expires_at,
                                         max_downloads)
                    VALUES (?, ?, 'PASSPHRASE', 'BUILDING', 12, now(), 'president83', now() + interval '1 day', 3)""",
                    running, other);
        });
        String president = basic("president83", "president83-password");
        assertThat(api.postJson("/api/v1/list-requests/" + id + "/exports", president, Map.of("encryption", "PASSPHRASE"))
                .statusCode()).as("the interrupted build still counts").isEqualTo(409);

        List<UUID> failed = APP.<GatewayApplication>getApplication().services().exportSweeper()
                .failStalled(OffsetDateTime.now());
        assertThat(failed).contains(stalled).doesNotContain(running);
        assertThat(TestDatabases.one(superuser, "SELECT status FROM exports WHERE id = '" + stalled + "'", String.class))
                .isEqualTo("FAILED");
        assertThat(TestDatabases.one(superuser, "SELECT status FROM exports WHERE id = '" + running + "'", String.class))
                .isEqualTo("BUILDING");
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DECISION' AND decision = 'FAILED' AND target = ?"
                + " AND reasons::text LIKE '%EXPORT_BUILD_STALLED%'", "export:" + stalled)).isEqualTo(1);
        HttpResponse<String> rebuilt = api.postJson("/api/v1/list-requests/" + id + "/exports", president,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(rebuilt.statusCode()).as("a failed build released nothing: " + rebuilt.body()).isEqualTo(201);
    }
}
