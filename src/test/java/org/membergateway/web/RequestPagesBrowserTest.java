package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
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
import org.membergateway.members.MembershipStatus;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.Browser;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Asking for a member list and deciding it, in a real browser: an officer checks what the policy
 * says, sends the request, the local president approves it, the officer builds the list under a
 * one-time passphrase, sees it become ready, downloads it and opens it with gpg; a local president does the same in Vietnamese, and
 * again without JavaScript; a refusal is explained on the form and stores nothing. Every page is
 * checked with axe-core and kept as a screenshot (axe needs script: not in the flow without it).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestPagesBrowserTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-request-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static String base;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        ApiClient api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R4", "UNIVERSITIES")
                .members("L083", "A", 40, MembershipStatus.MEMBER).members("L084", "B", 20, MembershipStatus.MEMBER);
        String admin = basic("admin", ADMIN_PASSWORD);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        for (String[] person : new String[][] {
                {"officer83", "Linh Tran", "LOCAL_OFFICER", "L083"},
                {"president83", "Maria Lopez", "LOCAL_PRESIDENT", "L083"},
                {"president84", "Ivan Petrov", "LOCAL_PRESIDENT", "L084"}}) {
            TestPeople.create(api, admin, person[0], person[1], person[0] + "-password", person[2], person[3]);
            TestPeople.acknowledgeEverything(api, acknowledgements, basic(person[0], person[0] + "-password"), person[1]);
        }
        assertThat(api.postJson("/api/v1/people", admin, Map.of("username", "director34", "displayName", "Hoa Nguyen",
                "password", "director34-password", "roles", List.of("DIRECTOR"), "regions", List.of("R3", "R4")))
                .statusCode()).isEqualTo(201);
        TestPeople.acknowledgeEverything(api, acknowledgements, basic("director34", "director34-password"), "Hoa Nguyen");
    }

    static long requests() {
        return TestDatabases.one(superuser, "SELECT count(*) FROM list_requests", Long.class);
    }

    /**
     * Fills in the request form for {@code purpose} by email, with names and home email, for the
     * scope already on the form. Without script the fields are shown by asking for them once the
     * purpose and channel are chosen (with script they appear as those are chosen).
     */
    static void fillIn(Browser browser, String purpose) {
        browser.find("input[name=purpose][value=" + purpose + "]").click();
        browser.find("input[name=audience][value=MEMBERS]").click();
        browser.find("input[name=channel][value=EMAIL]").click();
        if (browser.find("#fields-choose-first").isDisplayed()) {
            browser.submit("#fields-choose-first button");
        }
        assertThat(browser.findAll(".govuk-checkboxes__item[data-allowed]").stream().filter(WebElement::isDisplayed)
                .map(item -> item.findElement(By.name("fields")).getAttribute("value")))
                .as("only what the purpose allows by email").containsExactlyElementsOf(EMAIL_FIELDS.get(purpose));
        for (String field : new String[] {"first_name", "last_name", "home_email"}) {
            browser.find("input[name=fields][value=" + field + "]").click();
        }
        browser.type("justification", "Bargaining update to our local");
    }

    /** policies/fields.yml, by email, in catalogue order: what the form offers for each purpose used here. */
    static final Map<String, List<String>> EMAIL_FIELDS = Map.of(
            "LOCAL_COMMUNICATION", List.of("first_name", "last_name", "local_id", "worksite", "home_email", "work_email",
                    "preferred_language"),
            "OFFICIAL_ELECTION_NOTICE", List.of("first_name", "last_name", "local_id", "home_email", "work_email",
                    "preferred_language"));

    /** Waits, reloading when there is no script to do it, until the newest export of the page is ready. */
    static void waitUntilReady(Browser browser, boolean javascript) {
        browser.await(Duration.ofSeconds(30)).until(driver -> {
            if (!javascript) {
                driver.navigate().refresh();
            }
            return driver.findElements(By.cssSelector("#exports form[action$='/download']")).size() > 0;
        });
    }

    @Test
    void anOfficerChecksSendsThePresidentApprovesAndTheOfficerBuildsTheList() {
        long id;
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("officer83", "officer83-password");
            browser.go("/requests/new");
            assertThat(browser.text("h1")).isEqualTo("Request a member list");
            assertThat(browser.text("#only-scope")).as("their one local, not a choice").contains("L083");
            assertThat(browser.find("#fields-choose-first").isDisplayed()).as("no fields before a purpose and channel").isTrue();
            browser.assertAccessible("request form").screenshot("requests-new-en");

            fillIn(browser, "LOCAL_COMMUNICATION");
            browser.submit("button[formaction='/requests/check']");
            assertThat(browser.text("#decision")).contains("This request needs approval")
                    .contains("the local president of local L083").contains("confidentiality §7");
            assertThat(browser.find("input[name=fields][value=home_email]").isSelected()).as("the form is kept").isTrue();
            browser.assertAccessible("request form, checked").screenshot("requests-check-en");

            long before = requests();
            browser.submit("form[action='/requests/new'] button:not([formaction])");
            assertThat(browser.path()).matches("/requests/\\d+");
            id = Long.parseLong(browser.path().substring("/requests/".length()));
            assertThat(requests()).isEqualTo(before + 1);
            assertThat(browser.text("h1")).isEqualTo("Request " + id);
            assertThat(browser.text(".govuk-summary-list")).contains("Waiting for approval").contains("local L083")
                    .contains("First name, Last name, Home email");
            assertThat(browser.findAll("form[action='/requests/" + id + "/exports']")).as("not before approval").isEmpty();
            browser.assertAccessible("pending request").screenshot("requests-request-pending-en");

            browser.go("/requests/" + id + "?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Yêu cầu số " + id);
            assertThat(browser.text(".govuk-summary-list")).contains("Đang chờ phê duyệt");
            browser.assertAccessible("pending request (vi)").screenshot("requests-request-pending-vi");
            browser.go("/requests?lang=en");
            assertThat(browser.text("table")).contains("Request " + id).contains("Waiting for approval");
            browser.assertAccessible("requests").screenshot("requests-list-en");
            browser.signOut();

            browser.signIn("president83", "president83-password");
            browser.go("/approvals");
            assertThat(browser.text("#request-" + id)).contains("officer83").contains("Bargaining update to our local");
            browser.assertAccessible("approvals").screenshot("requests-approvals-en");
            browser.type("note-" + id, "For the bargaining update only");
            browser.submit("#approve-" + id);
            assertThat(browser.path()).isEqualTo("/approvals");
            assertThat(browser.text(".govuk-notification-banner")).contains("Request " + id + " is now: Approved");
            assertThat(browser.findAll("#request-" + id)).as("no longer waiting").isEmpty();
            browser.assertAccessible("approvals, decided").screenshot("requests-approvals-decided-en");
            browser.go("/approvals?lang=vi");
            browser.assertAccessible("approvals (vi)").screenshot("requests-approvals-vi");
            browser.go("/?lang=en");
            browser.signOut();

            browser.signIn("officer83", "officer83-password");
            browser.go("/requests/" + id);
            assertThat(browser.text(".govuk-summary-list")).contains("Approved").contains("president83 approved it")
                    .contains("For the bargaining update only");
            browser.find("#encryption-PASSPHRASE").click();
            browser.submit("form[action='/requests/" + id + "/exports'] button");
            assertThat(browser.text("h1")).isEqualTo("Your list is being built");
            String passphrase = browser.text("#passphrase");
            assertThat(passphrase).hasSizeGreaterThan(20);
            browser.assertAccessible("passphrase").screenshot("requests-passphrase-en");

            browser.submit("a[href='/requests/" + id + "#exports']");
            waitUntilReady(browser, true);
            // The 40 members and the few seed records planted among them: the page counts every row of the file.
            assertThat(browser.text("#exports")).contains("Ready to download").containsPattern("People in the list 4[1-4]\\b")
                    .contains("With a one-time passphrase");
            browser.assertAccessible("request with its list").screenshot("requests-request-ready-en");

            byte[] downloaded = browser.download("#exports form[action$='/download'] button");
            try (GnuPg gpg = GnuPg.inTemporaryHome()) {
                gpg.importKey(new ApiClient(APP.getLocalPort()).get("/api/v1/keys/openpgp", null).body());
                GnuPg.Result opened = gpg.run(downloaded, "--pinentry-mode", "loopback", "--passphrase", passphrase,
                        "--decrypt");
                assertThat(opened.exitCode()).as(opened.stderr()).isZero();
                assertThat(opened.statusHas("GOODSIG")).as("signed by the gateway").isTrue();
                List<String> lines = opened.stdout().lines().toList();
                assertThat(lines.get(0)).as("the fields asked for, nothing more").isEqualTo("first_name,last_name,home_email");
                assertThat(lines.subList(1, lines.size())).as("the local's 40 members (and the export's seed records)")
                        .hasSizeGreaterThanOrEqualTo(40).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(3));
            }
            assertThat(TestDatabases.one(superuser, "SELECT downloads FROM exports WHERE request_id = " + id, Integer.class))
                    .as("the download is counted").isEqualTo(1);
        }
    }

    @Test
    void aLocalPresidentAsksAndBuildsTheListInVietnamese() {
        try (Browser browser = Browser.shared(base, true, "vi")) {
            browser.signIn("president84", "president84-password");
            browser.go("/requests/new");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("vi");
            assertThat(browser.text("h1")).isEqualTo("Yêu cầu danh sách hội viên");
            browser.assertAccessible("request form (vi)").screenshot("requests-new-vi");
            fillIn(browser, "LOCAL_COMMUNICATION");
            browser.submit("button[formaction='/requests/check']");
            assertThat(browser.text("#decision")).contains("Chính sách cho phép yêu cầu này");
            browser.assertAccessible("request form, checked (vi)").screenshot("requests-check-vi");
            browser.submit("form[action='/requests/new'] button:not([formaction])");
            assertThat(browser.text(".govuk-summary-list")).contains("Đã phê duyệt");
            browser.assertAccessible("approved request (vi)").screenshot("requests-request-approved-vi");

            browser.find("#encryption-PASSPHRASE").click();
            browser.submit("form[action$='/exports'] button");
            assertThat(browser.text("#passphrase")).hasSizeGreaterThan(20);
            browser.assertAccessible("passphrase (vi)").screenshot("requests-passphrase-vi");
            browser.submit(".govuk-button[href*='#exports']");
            waitUntilReady(browser, true);
            assertThat(browser.text("#exports")).contains("Sẵn sàng để tải").contains("20");
            browser.assertAccessible("request with its list (vi)").screenshot("requests-request-ready-vi");
        }
    }

    @Test
    void withoutJavaScriptALocalPresidentAsksBuildsAndSeesTheListReady() {
        try (Browser browser = Browser.shared(base, false, "en")) {
            browser.signIn("president83", "president83-password");
            browser.go("/requests/new");
            assertThat(browser.find("#campaignId").isDisplayed()).isTrue();
            fillIn(browser, "LOCAL_COMMUNICATION");
            browser.submit("button[formaction='/requests/check']");
            assertThat(browser.text("#decision")).contains("The policy allows this request");
            browser.submit("form[action='/requests/new'] button:not([formaction])");
            assertThat(browser.text(".govuk-summary-list")).contains("Approved");
            assertThat(browser.find("#encryption-PASSPHRASE").isSelected()).as("no key registered: a passphrase").isTrue();
            browser.submit("form[action$='/exports'] button");
            assertThat(browser.text("#passphrase")).hasSizeGreaterThan(20);
            browser.submit(".govuk-button[href*='#exports']");
            waitUntilReady(browser, false);
            assertThat(browser.text("#exports")).contains("Ready to download").containsPattern("People in the list 4[1-4]\\b");
        }
    }

    @Test
    void aRefusalIsExplainedOnTheFormAndNothingIsStored() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("officer83", "officer83-password");
            browser.go("/requests/new");
            browser.submit("form[action='/requests/new'] button:not([formaction])");
            assertThat(browser.text(".govuk-error-summary")).contains("Choose what the list is for");
            assertThat(browser.find("title").getAttribute("textContent")).startsWith("Error:");
            browser.assertAccessible("request form with an error").screenshot("requests-new-error-en");

            long before = requests();
            fillIn(browser, "OFFICIAL_ELECTION_NOTICE");
            browser.submit("form[action='/requests/new'] button:not([formaction])");
            assertThat(browser.path()).isEqualTo("/requests/new");
            assertThat(browser.text("#decision")).contains("Your request was not allowed")
                    .contains("Your role may not ask for member information for this purpose").contains("Nothing was stored");
            assertThat(browser.find("input[name=purpose][value=OFFICIAL_ELECTION_NOTICE]").isSelected()).as("the form comes back as it was")
                    .isTrue();
            assertThat(browser.find("input[name=fields][value=home_email]").isSelected()).isTrue();
            assertThat(requests()).isEqualTo(before);
            browser.assertAccessible("refused request").screenshot("requests-refused-en");
        }
    }

    @Test
    void aDirectorPicksALocalOrARegionOfTheirsByNameAndSeesHowManyTheListReaches() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("director34", "director34-password");
            browser.go("/requests/new");
            assertThat(new Select(browser.find("select[data-scope-type=LOCAL]"))
                    .getOptions().stream().map(o -> o.getAttribute("value"))).containsExactly("", "L083", "L084");
            assertThat(new Select(browser.find("select[data-scope-type=REGION]")).getOptions().stream()
                    .map(o -> o.getAttribute("value"))).as("only their regions").containsExactly("", "R3", "R4");
            new Select(browser.find("select[data-scope-type=LOCAL]")).selectByValue("L084");
            assertThat(browser.find("input[name=scopeType][value=LOCAL]").isSelected()).as("choosing a local chooses its type")
                    .isTrue();
            fillIn(browser, "LOCAL_COMMUNICATION");
            browser.assertAccessible("request form with scopes to choose").screenshot("requests-new-scopes-en");
            browser.submit("button[formaction='/requests/check']");
            assertThat(browser.text("#decision-rows")).contains("People the request is about: 20")
                    .contains("with an email address you asked for, so in the list: 20");
            assertThat(new Select(browser.find("#scopeId")).getFirstSelectedOption().getAttribute("value"))
                    .as("the chosen local comes back chosen").isEqualTo("L084");
        }
        try (Browser browser = Browser.shared(base, false, "en")) {
            browser.signIn("director34", "director34-password");
            browser.go("/requests/new");
            browser.find("input[name=scopeType][value=REGION]").click();
            new Select(browser.find("select[data-scope-type=REGION]")).selectByValue("R3");
            new Select(browser.find("select[data-scope-type=LOCAL]")).selectByValue("L084");
            fillIn(browser, "LOCAL_COMMUNICATION");
            browser.submit("button[formaction='/requests/check']");
            assertThat(browser.text("#decision-rows")).as("the list of the chosen type counts, not the other")
                    .contains("People the request is about: 40");
            assertThat(new Select(browser.find("#scopeId")).getFirstSelectedOption().getAttribute("value")).isEqualTo("R3");
        }
    }
}
