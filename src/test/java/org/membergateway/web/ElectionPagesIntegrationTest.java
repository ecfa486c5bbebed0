package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.KeyFixtures;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The election committee's pages over real HTTP on embedded PostgreSQL, signed in through the form:
 * entering an election (a bad date refused on its field, nothing stored), the candidate's links,
 * the committee approving a candidate's mailing into a vendor extract, the refusals of the service
 * shown on the mailing (a committee member who runs in the race), the csrf token, who sees the
 * equal-treatment ledger and its warnings, and that no page ever shows a member.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ElectionPagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-election-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.seedRecords", "0"), ConfigOverride.config("exports.sweepEvery", "1h"));
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final AtomicInteger ELECTIONS = new AtomicInteger();
    static final List<String> MAIL_FIELDS = List.of("first_name", "last_name", "home_street", "home_city", "home_state",
            "home_zip");

    static ApiClient api;
    static AckPeopleHttp http;
    static Jdbi superuser;
    static long mailHouse;
    static long literatureVendor;
    static String literatureVendorKey;
    static LocalDate today;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        http = new AckPeopleHttp(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "UNIVERSITIES");
        // Members of both locals; one has a name and street no page may ever show.
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip, home_email)
                SELECT 'EP' || lpad(i::text, 3, '0'), CASE WHEN i = 1 THEN 'Zelda' ELSE 'First' || i END,
                       CASE WHEN i = 1 THEN 'Quartzfield' ELSE 'Last' || i END,
                       CASE WHEN i <= 6 THEN 'L083' ELSE 'L084' END, 'R3',
                       CASE WHEN i <= 6 THEN 'STATE_AGENCIES' ELSE 'UNIVERSITIES' END, 'MEMBER',
                       CASE WHEN i = 1 THEN '77 Hidden Lane' ELSE i || ' Oak St' END, 'Salem', 'OR', '97301',
                       'ep' || i || '@example.org'
                FROM generate_series(1, 10) AS i"""));
        TestPeople.create(api, ADMIN, "epcommittee", "Committee Chair", "ep-committee-password", "ELECTION_COMMITTEE", null);
        TestPeople.create(api, ADMIN, "eprunner", "Committee Runner", "ep-runner-password", "ELECTION_COMMITTEE", "L083");
        TestPeople.create(api, ADMIN, "epcand-a", "Candidate Alpha", "ep-cand-a-password", "MEMBER", "L083");
        TestPeople.create(api, ADMIN, "epcand-b", "Candidate Beta", "ep-cand-b-password", "MEMBER", "L084");
        TestPeople.create(api, ADMIN, "epauditor", "Auditor Ep", "ep-auditor-password", "AUDITOR", null);
        TestPeople.create(api, ADMIN, "epmember", "Plain Member", "ep-member-password", "MEMBER", "L083");
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, basic("epcommittee", "ep-committee-password"),
                "Committee Chair");
        TestPeople.acknowledgeEverything(api, acknowledgements, basic("eprunner", "ep-runner-password"),
                "Committee Runner");
        String key = KeyFixtures.resource("officer-public-key.asc");
        mailHouse = vendor("Capitol Mail House", "MAIL_HOUSE", MAIL_FIELDS, null, key).path("id").asLong();
        List<String> literature = new java.util.ArrayList<>(MAIL_FIELDS);
        literature.add("home_email");
        literature.add("membership_status");
        JsonNode vendor = vendor("Union Election Mailer", "ELECTION_LITERATURE", literature,
                "the electorate of a union election is its members", key);
        literatureVendor = vendor.path("id").asLong();
        literatureVendorKey = bearer(vendor.path("apiKey").asText());
    }

    static JsonNode vendor(String name, String service, List<String> fields, String justification, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("service", service);
        body.put("allowedFields", fields);
        if (justification != null) {
            body.put("membershipStatusJustification", justification);
        }
        body.put("validFrom", today.minusDays(1).toString());
        body.put("validUntil", today.plusYears(1).toString());
        body.put("openpgpPublicKey", key);
        HttpResponse<String> created = api.postJson("/api/v1/vendors", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    /** A new election of region R3 delivered by the literature vendor, with candidates A, B and the runner. */
    static String electionWithCandidates() {
        String id = "E-EP-" + ELECTIONS.incrementAndGet();
        TestElections.insert(superuser, id, Office.BOARD_SEAT, ScopeType.REGION, "R3", today.minusDays(10), null,
                today.plusDays(60), literatureVendor, null);
        for (String who : List.of("epcand-a", "epcand-b", "eprunner")) {
            HttpResponse<String> declared = api.postJson("/api/v1/people/" + who + "/candidacies", ADMIN, Map.of(
                    "office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R3", "electionId", id));
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        }
        return id;
    }

    /** Candidate A asks for a mailing to the whole electorate; its id. */
    static long mailingOfA(String election) {
        HttpResponse<String> asked = api.postJson("/api/v1/elections/" + election + "/mailings",
                basic("epcand-a", "ep-cand-a-password"), Map.of("channel", "MAIL", "title", "Why I am running",
                        "literatureSha256", "cd".repeat(32)));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return json(asked).path("id").asLong();
    }

    static String status(long mailing) {
        return superuser.withHandle(h -> h.createQuery("SELECT status FROM election_mailings WHERE id = :id")
                .bind("id", mailing).mapTo(String.class).one());
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

    static void showsNoMember(String body) {
        assertThat(body).doesNotContain("Zelda").doesNotContain("Quartzfield").doesNotContain("Hidden Lane")
                .doesNotContain("Oak St").doesNotContain("@example.org").doesNotContain("EP001");
    }

    static String approvalForm(String election, long mailing) {
        return "action=\"/elections/" + election + "/mailings/" + mailing + "/approval\"";
    }

    // ---- the tests --------------------------------------------------------------------------------

    @Test
    void theCommitteeEntersAnElectionOnThePageAndABadDateIsRefusedOnItsField() {
        String session = http.signIn("epcommittee", "ep-committee-password");
        HttpResponse<String> list = http.get("/elections", session);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/elections/new\"").contains("Enter an election");

        HttpResponse<String> form = http.get("/elections/new", session);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        // Only a vendor with an election-literature agreement in force is offered: an ordinary mail
        // house may not receive a list of members (§4), so its deliveries would be refused at approval.
        assertThat(form.body()).contains("<option value=\"" + literatureVendor + "\">Union Election Mailer</option>");
        assertThat(form.body().substring(form.body().indexOf("id=\"mailVendorId\""), form.body().indexOf("id=\"emailVendorId\"")))
                .doesNotContain("Capitol Mail House");
        String csrf = AckPeopleHttp.hidden(form.body(), "csrf");
        String[] fields = {"csrf", csrf, "id", "2027-BOARD-EP", "name", "Board seat, region 3", "office", "BOARD_SEAT",
                "scopeType", "REGION", "scopeId", "R3", "nominationsCloseOn", today.plusDays(20).toString(),
                "ballotsMailedOn", "", "electionDay", "2027-13-45", "mailVendorId", String.valueOf(literatureVendor),
                "emailVendorId", ""};
        HttpResponse<String> refused = http.post("/elections/new", session, AckPeopleHttp.form(fields));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("govuk-error-summary").contains("href=\"#electionDay\"")
                .contains("id=\"electionDay-error\"").contains("value=\"2027-13-45\"")
                .contains("value=\"Board seat, region 3\"");
        assertThat(count("SELECT count(*) FROM elections WHERE id = ?", "2027-BOARD-EP")).isZero();

        fields[17] = today.plusDays(90).toString();
        HttpResponse<String> entered = http.post("/elections/new", session, AckPeopleHttp.form(fields));
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(303);
        assertThat(entered.headers().firstValue("Location").orElse("")).endsWith("/elections/2027-BOARD-EP?created=1");
        assertThat(count("SELECT count(*) FROM elections WHERE id = ? AND mail_vendor_id = ? AND created_by = ?",
                "2027-BOARD-EP", literatureVendor, "epcommittee")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE actor = 'epcommittee' AND target = ?",
                "election:2027-BOARD-EP")).as("audited as over the API").isEqualTo(1);

        HttpResponse<String> page = http.get("/elections/2027-BOARD-EP?created=1", session);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"banner\">Board seat, region 3 is entered")
                .contains("region R3").contains("$0.62").contains("paid in advance").contains("7 days between approval and delivery").contains(today.plusDays(90).toString());
        assertThat(http.get("/elections", session).body()).contains("href=\"/elections/2027-BOARD-EP\"")
                .contains("Board seat, region 3");

        // The same id again is the service's conflict, shown on the id field.
        HttpResponse<String> again = http.post("/elections/new", session, AckPeopleHttp.form(fields));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("id=\"id-error\"");
    }

    @Test
    void aMemberCannotEnterAnElectionAndANonexistentOneIsTheNotFoundPage() {
        String session = http.signIn("epmember", "ep-member-password");
        assertThat(http.get("/elections", session).body()).doesNotContain("href=\"/elections/new\"");
        assertThat(http.get("/elections/new", session).statusCode()).isEqualTo(403);
        HttpResponse<String> missing = http.get("/elections/NO-SUCH-ELECTION", session);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<html");
    }

    @Test
    void aCandidateSeesTheirTwoLinksAndANonCandidateDoesNot() {
        String election = electionWithCandidates();
        String candidate = http.signIn("epcand-a", "ep-cand-a-password");
        HttpResponse<String> page = http.get("/elections/" + election, candidate);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/elections/" + election + "/mailings/new\"")
                .contains("href=\"/elections/" + election + "/inspection\"")
                .doesNotContain("Equal-treatment ledger").doesNotContain("/notices/new");
        HttpResponse<String> home = http.get("/", candidate);
        assertThat(home.body()).contains("Send literature for Election " + election)
                .contains("Inspect the membership list for Election " + election)
                .contains("href=\"/elections\"");

        String member = http.signIn("epmember", "ep-member-password");
        HttpResponse<String> theirs = http.get("/elections/" + election, member);
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(theirs.body()).doesNotContain("/mailings/new").doesNotContain("/inspection\"")
                .doesNotContain("Equal-treatment ledger").doesNotContain("/approval\"");
        assertThat(http.get("/", member).body()).doesNotContain("Send literature for");
    }

    @Test
    void theCommitteeApprovesAPendingMailingOnThePageAndItIsDeliveredAsAVendorExtract() {
        String election = electionWithCandidates();
        long mailing = mailingOfA(election);
        String session = http.signIn("epcommittee", "ep-committee-password");
        HttpResponse<String> home = http.get("/", session);
        long waiting = count("""
                SELECT count(*) FROM election_mailings m JOIN elections e ON e.id = m.election_id
                WHERE m.status = 'PENDING_APPROVAL' AND e.election_day >= ?""", today);
        assertThat(home.body()).contains("id=\"pending-mailings\">" + (waiting == 1 ? "One mailing is"
                : waiting + " mailings are") + " waiting for the election committee");

        HttpResponse<String> page = http.get("/elections/" + election, session);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains(approvalForm(election, mailing)).contains("never on what the literature says")
                .contains("Waiting for the election committee").contains("epcand-a");
        showsNoMember(body);

        HttpResponse<String> approved = http.post("/elections/" + election + "/mailings/" + mailing + "/approval", session,
                AckPeopleHttp.form("csrf", AckPeopleHttp.hidden(body, "csrf"), "note", "eligible, on the published terms",
                        "approve", "true"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
        assertThat(approved.headers().firstValue("Location").orElse(""))
                .contains("/elections/" + election + "?decided=" + mailing);
        assertThat(status(mailing)).isEqualTo("DELIVERED");

        JsonNode ledger = json(api.get("/api/v1/elections/" + election + "/mailings",
                basic("epcommittee", "ep-committee-password")));
        JsonNode entry = ledger.path("mailings").get(0);
        assertThat(entry.path("status").asText()).isEqualTo("DELIVERED");
        long extract = entry.path("listRequestId").asLong();
        assertThat(json(api.get("/api/v1/vendor/extracts", literatureVendorKey))).extracting(e -> e.path("id").asLong())
                .contains(extract);

        HttpResponse<String> after = http.get("/elections/" + election + "?decided=" + mailing, session);
        assertThat(after.body()).contains("id=\"banner\">Mailing " + mailing
                        + " is approved and delivered to Union Election Mailer")
                .doesNotContain(approvalForm(election, mailing)).contains("Delivered to the vendor");
        showsNoMember(after.body());
    }

    @Test
    void aCommitteeMemberWhoIsACandidateIsShownTheRefusalAndNothingChanges() {
        String election = electionWithCandidates();
        long mailing = mailingOfA(election);
        String session = http.signIn("eprunner", "ep-runner-password");
        String page = http.get("/elections/" + election, session).body();
        HttpResponse<String> refused = http.post("/elections/" + election + "/mailings/" + mailing + "/approval", session,
                AckPeopleHttp.form("csrf", AckPeopleHttp.hidden(page, "csrf"), "note", "looks fine", "approve", "true"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("id=\"approve-" + mailing + "-error\"")
                .contains("You are a declared candidate in this election, so you may not decide its mailings")
                .contains("href=\"#approve-" + mailing + "\"").contains(">looks fine</textarea>");
        assertThat(status(mailing)).isEqualTo("PENDING_APPROVAL");
        assertThat(count("SELECT count(*) FROM list_requests r JOIN people p ON p.id = r.requester_id"
                + " WHERE p.username = 'eprunner'")).isZero();
    }

    @Test
    void aDecisionWithoutTheFormsTokenIsRefusedAndChangesNothing() {
        String election = electionWithCandidates();
        long mailing = mailingOfA(election);
        String session = http.signIn("epcommittee", "ep-committee-password");
        HttpResponse<String> forged = http.post("/elections/" + election + "/mailings/" + mailing + "/approval", session,
                AckPeopleHttp.form("note", "", "approve", "true"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(status(mailing)).isEqualTo("PENDING_APPROVAL");
        assertThat(count("SELECT count(*) FROM elections WHERE id = 'FORGED'")).isZero();
        HttpResponse<String> forgedEntry = http.post("/elections/new", session, AckPeopleHttp.form("id", "FORGED",
                "name", "Forged", "office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R3",
                "nominationsCloseOn", today.plusDays(5).toString(), "electionDay", today.plusDays(30).toString(),
                "mailVendorId", String.valueOf(mailHouse)));
        assertThat(forgedEntry.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM elections WHERE id = 'FORGED'")).isZero();
    }

    @Test
    void anAuditorSeesTheLedgerWithItsWarningButNoFormAndAPlainMemberSeesNeither() {
        String election = electionWithCandidates();
        long approved = mailingOfA(election);
        long rejected = mailingOfA(election);
        String committee = http.signIn("epcommittee", "ep-committee-password");
        String page = http.get("/elections/" + election, committee).body();
        assertThat(page).as("no warning before anyone has had anything").doesNotContain("govuk-warning-text");
        String csrf = AckPeopleHttp.hidden(page, "csrf");
        assertThat(http.post("/elections/" + election + "/mailings/" + approved + "/approval", committee,
                AckPeopleHttp.form("csrf", csrf, "note", "", "approve", "true")).statusCode()).isEqualTo(303);
        HttpResponse<String> no = http.post("/elections/" + election + "/mailings/" + rejected + "/approval", committee,
                AckPeopleHttp.form("csrf", csrf, "note", "asked twice", "approve", "false"));
        assertThat(no.statusCode()).isEqualTo(303);
        assertThat(status(rejected)).isEqualTo("REJECTED");
        assertThat(http.get("/elections/" + election + "?decided=" + rejected, committee).body())
                .contains("id=\"banner\">Mailing " + rejected + " is rejected.");

        String auditor = http.signIn("epauditor", "ep-auditor-password");
        HttpResponse<String> seen = http.get("/elections/" + election, auditor);
        assertThat(seen.statusCode()).isEqualTo(200);
        String body = seen.body();
        assertThat(body).contains("Equal-treatment ledger").contains("id=\"mailing-" + approved + "\"")
                .contains("id=\"mailing-" + rejected + "\"").doesNotContain("/approval\"")
                .contains("govuk-warning-text")
                .contains("epcand-b has had no approved mailing; epcand-a has had 1.")
                .contains("epcand-a has had a mailing by Mail approved; epcand-b has not.")
                .contains("epcand-a has had a mailing to region R3 approved; epcand-b has not.");
        showsNoMember(body);
        // The auditor may not decide, even by posting the form's fields.
        assertThat(http.post("/elections/" + election + "/mailings/" + rejected + "/approval", auditor,
                AckPeopleHttp.form("csrf", AckPeopleHttp.hidden(body, "csrf"), "approve", "true")).statusCode())
                .isEqualTo(403);

        // In Vietnamese, the same warning in Vietnamese.
        assertThat(http.get("/elections/" + election + "?lang=vi", auditor).body()).contains("Sổ đối xử bình đẳng")
                .contains("epcand-b đã có 0 đợt gửi được duyệt; epcand-a đã có 1.");

        String member = http.signIn("epmember", "ep-member-password");
        String theirs = http.get("/elections/" + election, member).body();
        assertThat(theirs).doesNotContain("Equal-treatment ledger").doesNotContain("govuk-warning-text")
                .doesNotContain("id=\"mailing-").doesNotContain("/approval\"");
        assertThat(http.post("/elections/" + election + "/mailings/" + approved + "/approval", member,
                AckPeopleHttp.form("csrf", AckPeopleHttp.hidden(theirs, "csrf"), "approve", "true")).statusCode())
                .isEqualTo(403);
        showsNoMember(theirs);
        showsNoMember(http.get("/elections", member).body());
    }
}
