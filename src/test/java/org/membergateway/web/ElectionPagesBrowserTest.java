package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.Browser;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.KeyFixtures;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The election committee's pages in a real browser: {@code /elections}, {@code /elections/new} (with
 * a mistake corrected) and {@code /elections/{id}} with the ledger, its warning and the approval
 * forms, each checked with axe-core in English and Vietnamese and kept as a screenshot; then a
 * mailing approved with JavaScript off.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ElectionPagesBrowserTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-election-browser";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.seedRecords", "0"), ConfigOverride.config("exports.sweepEvery", "1h"));
    static final String ELECTION = "E-BROWSER";
    static String base;
    static Jdbi superuser;
    static ApiClient api;
    static LocalDate today;
    /** The election-literature vendor, the one the form offers as the mail house. */
    static long mailHouse;
    static long approvedOfA;
    static long pendingOfA;

    @BeforeAll
    static void setUp() {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip)
                SELECT 'EB' || i, 'First' || i, 'Last' || i, 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER', i || ' Elm St',
                       'Salem', 'OR', '97301'
                FROM generate_series(1, 5) AS i"""));
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "ebcommittee", "Committee Browser", "eb-committee-password", "ELECTION_COMMITTEE", null);
        TestPeople.create(api, admin, "ebcand-a", "Candidate Alpha", "eb-cand-a-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "ebcand-b", "Candidate Beta", "eb-cand-b-password", "MEMBER", "L083");
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                basic("ebcommittee", "eb-committee-password"), "Committee Browser");
        String key = KeyFixtures.resource("officer-public-key.asc");
        List<String> mail = List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
        // An ordinary mail house too: the form must not offer it (it may not receive a list of members).
        vendor(admin, "Capitol Mail House", "MAIL_HOUSE", mail, null, key);
        List<String> literature = new java.util.ArrayList<>(mail);
        literature.add("membership_status");
        mailHouse = vendor(admin, "Union Election Mailer", "ELECTION_LITERATURE", literature,
                "the electorate of a union election is its members", key);
        TestElections.insert(superuser, ELECTION, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", today.minusDays(5), null,
                today.plusDays(45), mailHouse, null);
        for (String who : List.of("ebcand-a", "ebcand-b")) {
            assertThat(api.postJson("/api/v1/people/" + who + "/candidacies", admin, Map.of("office", "LOCAL_OFFICE",
                    "scopeType", "LOCAL", "scopeId", "L083", "electionId", ELECTION)).statusCode()).isEqualTo(201);
        }
        approvedOfA = mailing();
        pendingOfA = mailing();
        // One approved already (over the API), so the ledger warns that candidate B has not had one.
        HttpResponse<String> approved = api.postJson("/api/v1/elections/" + ELECTION + "/mailings/" + approvedOfA
                + "/approval", basic("ebcommittee", "eb-committee-password"), Map.of("approve", true, "note", ""));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    static long vendor(String admin, String name, String service, List<String> fields, String justification, String key) {
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
        HttpResponse<String> created = api.postJson("/api/v1/vendors", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asLong();
    }

    static long mailing() {
        HttpResponse<String> asked = api.postJson("/api/v1/elections/" + ELECTION + "/mailings",
                basic("ebcand-a", "eb-cand-a-password"), Map.of("channel", "MAIL", "title", "Why I am running",
                        "literatureSha256", "ef".repeat(32)));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return json(asked).path("id").asLong();
    }

    @Test
    void theCommitteeEntersAnElectionAndReadsTheLedgerInEnglishAndVietnamese() {
        try (Browser browser = Browser.open(base, true, "en")) {
            browser.signIn("ebcommittee", "eb-committee-password");
            browser.submit("nav a[href='/elections']");
            assertThat(browser.text("h1")).isEqualTo("Elections");
            assertThat(browser.text("#election-" + ELECTION)).contains("Election " + ELECTION, "Local office", "local L083",
                    "Mail $0.62 a piece, email not offered; paid after delivery; 7 days between approval and delivery");
            browser.assertAccessible("elections").screenshot("elections-en");

            browser.submit("#new-election");
            assertThat(browser.text("h1")).isEqualTo("Enter an election");
            browser.assertAccessible("new election").screenshot("elections-new-en");
            browser.type("id", "2027-L083-BROWSER").type("name", "Local 83 officers")
                    .type("scopeId", "L083").type("nominationsCloseOn", today.plusDays(10).toString())
                    .type("electionDay", "next spring");
            browser.find("#office option[value=LOCAL_OFFICE]").click();
            browser.find("#scopeType option[value=LOCAL]").click();
            browser.find("#mailVendorId option[value='" + mailHouse + "']").click();
            browser.submit("#enter");
            assertThat(browser.text(".govuk-error-summary")).contains("Election day: not an ISO-8601 date");
            assertThat(browser.text("#electionDay-error")).contains("Election day");
            assertThat(browser.find("#electionDay").getAttribute("value")).isEqualTo("next spring");
            assertThat(browser.find("#mailVendorId option[value='" + mailHouse + "']").isSelected()).isTrue();
            browser.assertAccessible("new election with an error").screenshot("elections-new-error-en");
            browser.type("electionDay", today.plusDays(60).toString());
            browser.submit("#enter");
            assertThat(browser.text("#banner")).isEqualTo("Local 83 officers is entered, with the published terms of today.");
            assertThat(browser.text("h1")).isEqualTo("Local 83 officers");
            browser.assertAccessible("election entered").screenshot("election-entered-en");

            browser.go("/elections/" + ELECTION);
            assertThat(browser.text("#warnings")).contains("ebcand-b has had no approved mailing; ebcand-a has had ");
            assertThat(browser.find("#mailing-" + approvedOfA).getAttribute("data-status")).isEqualTo("DELIVERED");
            assertThat(browser.findAll("#approve-" + pendingOfA)).hasSize(1);
            browser.assertAccessible("election with the ledger").screenshot("election-ledger-en");

            browser.go("/elections?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Các cuộc bầu cử");
            browser.assertAccessible("elections (vi)").screenshot("elections-vi");
            browser.go("/elections/new?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Nhập một cuộc bầu cử");
            browser.assertAccessible("new election (vi)").screenshot("elections-new-vi");
            browser.go("/elections/" + ELECTION + "?lang=vi");
            assertThat(browser.text("#ledger-heading")).isEqualTo("Sổ đối xử bình đẳng");
            assertThat(browser.text("#approve-" + pendingOfA)).startsWith("Duyệt");
            browser.assertAccessible("election with the ledger (vi)").screenshot("election-ledger-vi");
        }
    }

    @Test
    void theCommitteeApprovesAMailingWithoutJavaScript() {
        long mailing = mailing();
        try (Browser browser = Browser.open(base, false, "en")) {
            browser.signIn("ebcommittee", "eb-committee-password");
            browser.go("/elections/" + ELECTION);
            browser.type("note-" + mailing, "eligible, on the published terms");
            browser.submit("#approve-" + mailing);
            assertThat(browser.text("#banner")).isEqualTo("Mailing " + mailing
                    + " is approved and delivered to Union Election Mailer, who mails it.");
            assertThat(browser.find("#mailing-" + mailing).getAttribute("data-status")).isEqualTo("DELIVERED");
            assertThat(browser.findAll("#approve-" + mailing)).isEmpty();
            browser.screenshot("election-approved-nojs-en");
        }
    }
}
