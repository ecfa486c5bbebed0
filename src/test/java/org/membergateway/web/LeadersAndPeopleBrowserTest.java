package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
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
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * {@code /leaders} and {@code /people} in a real browser: a member sees their local's leaders by
 * email and by phone (and one who has not signed is told why not, and where to sign); an
 * administrator lists the directory and creates a person, correcting a mistake first. Each page is
 * checked with axe-core and kept as a screenshot.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LeadersAndPeopleBrowserTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-leaders-browser";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static String base;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        ApiClient api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R4", "UNIVERSITIES");
        AckPeopleHttp.leader(superuser, "M830001", "Alma", "Steward", "L083", true, false);
        AckPeopleHttp.leader(superuser, "M830002", "Bao", "Leader", "L083", false, true);
        AckPeopleHttp.leader(superuser, "M830003", "Cora", "Plainmember", "L083", false, false);
        AckPeopleHttp.leader(superuser, "M840001", "Dmitri", "Otherlocal", "L084", true, true);
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "member83", "Member Eighty-Three", "member-83-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "unsigned83", "Not Signed", "unsigned-83-password", "MEMBER", "L083");
        TestPeople.acknowledgeEverything(api, ((GatewayApplication) APP.getApplication()).services().acknowledgements(),
                basic("member83", "member-83-password"), "Member Eighty-Three");
        TestPeople.create(api, admin, "person83", "Person Eighty-Three", "person-83-password", "MEMBER", "L083");
        // A committee chair (a board and committee member, confidentiality §6) linked to a member row.
        AckPeopleHttp.leader(superuser, "M830009", "Carla", "Chair", "L083", false, false);
        api.postJson("/api/v1/people", admin, java.util.Map.of("username", "chair83", "displayName", "Carla Chair",
                "password", "chair-83-password", "roles", java.util.List.of("COMMITTEE_CHAIR", "MEMBER"),
                "locals", java.util.List.of("L083"), "memberId", "M830009"));
        TestPeople.acknowledgeEverything(api, ((GatewayApplication) APP.getApplication()).services().acknowledgements(),
                basic("chair83", "chair-83-password"), "Carla Chair");
        UnionFixture.in(superuser).person("candidate84", org.membergateway.auth.Role.LOCAL_PRESIDENT, "L084");
        UnionFixture.in(superuser).candidacy("candidate84", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L084", "2027-L084");
    }

    @Test
    void aMemberSeesTheirLocalsLeaders() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("member83", "member-83-password");
            browser.submit("a[href='/leaders']");
            assertThat(browser.text("h1")).isEqualTo("Leaders’ contacts");
            assertThat(browser.text("#board caption")).isEqualTo("One board or committee member");
            assertThat(browser.text("#board")).contains("Carla Chair", "Committee chair")
                    .doesNotContain("503-555-0009", "@home.example");
            assertThat(browser.findAll("#board thead th")).extracting(e -> e.getText())
                    .containsExactly("Name", "Role", "Work email", "Phone");
            assertThat(browser.text("#leaders caption")).isEqualTo("2 leaders of local L083");
            assertThat(browser.text("#leaders")).contains("Bao Leader", "Alma Steward", "alma@work.example")
                    .doesNotContain("Cora", "Dmitri", "@home.example");
            assertThat(browser.findAll("#leaders thead th")).extracting(e -> e.getText())
                    .containsExactly("Name", "Worksite", "Work email");
            browser.assertAccessible("leaders").screenshot("leaders-en");

            // Role contact details only (confidentiality §6): no phone list of leaders' personal numbers.
            assertThat(browser.findAll("input[name=channel][value=PHONE]")).isEmpty();
            browser.go("/leaders?channel=PHONE");
            assertThat(browser.text("body")).doesNotContain("503-555-0001");

            browser.go("/leaders?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Thông tin liên lạc của những người lãnh đạo");
            assertThat(browser.text("#board caption")).isEqualTo("Một thành viên Hội đồng hoặc Ủy ban");
            assertThat(browser.text("#leaders caption")).isEqualTo("2 người lãnh đạo của địa phương L083");
            browser.assertAccessible("leaders (vi)").screenshot("leaders-vi");
        }
    }

    @Test
    void aLeaderPublishesTheirRoleContactsWithoutJavaScript() {
        try (Browser browser = Browser.shared(base, false, "en")) {
            browser.signIn("chair83", "chair-83-password");
            browser.go("/leaders");
            assertThat(browser.text("#publish-default")).contains("You have not chosen yet");
            browser.type("workEmail", "carla.chair@union.example").type("phone", "+1 503 555 0190");
            browser.submit("form[action='/leaders/published-contact'] button");
            assertThat(browser.text("#published-saved")).contains("Your published contact details are saved.");
            assertThat(browser.text("#board")).contains("carla.chair@union.example", "+1 503 555 0190")
                    .doesNotContain("503-555-0009");
            browser.screenshot("leaders-published-en");
        }
        // The accessibility check runs axe in the page, so it needs a browser with JavaScript.
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("chair83", "chair-83-password");
            browser.go("/leaders");
            assertThat(browser.find("#workEmail").getAttribute("value")).isEqualTo("carla.chair@union.example");
            browser.assertAccessible("leaders with the publishing form");
            browser.go("/leaders?lang=vi");
            assertThat(browser.text("#publish-heading")).isEqualTo("Thông tin liên lạc của bạn với tư cách người lãnh đạo");
            browser.assertAccessible("leaders with the publishing form (vi)").screenshot("leaders-publish-vi");
        }
    }

    @Test
    void aMemberWhoHasNotSignedIsToldWhy() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("unsigned83", "unsigned-83-password");
            browser.go("/leaders");
            assertThat(browser.findAll("#leaders")).isEmpty();
            assertThat(browser.text("#reasons")).contains("You have not signed the confidentiality texts",
                    "Confidentiality of member records, §10");
            browser.assertAccessible("leaders refused").screenshot("leaders-refused-en");
            browser.submit("#reasons a[href='/acknowledgements']");
            assertThat(browser.text("h1")).isEqualTo("Confidentiality acknowledgements");
            browser.go("/leaders?lang=vi");
            assertThat(browser.text("#reasons")).contains("Bí mật của hồ sơ thành viên, §10");
            browser.assertAccessible("leaders refused (vi)").screenshot("leaders-refused-vi");
        }
    }

    @Test
    void anAdministratorListsPeopleAndCreatesOne() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("admin", ADMIN_PASSWORD);
            browser.submit("nav a[href='/people']");
            assertThat(browser.text("h1")).isEqualTo("People");
            assertThat(browser.text("tr[data-username=member83]")).contains("Member Eighty-Three", "Member", "Local L083");
            assertThat(browser.text("tr[data-username=candidate84]")).contains("Local president",
                    "Local office in local L084, election 2027-L084");
            browser.assertAccessible("people").screenshot("people-en");

            browser.submit("a[href='/people/new']");
            assertThat(browser.text("h1")).isEqualTo("Create a person");
            browser.assertAccessible("new person").screenshot("people-new-en");
            browser.type("username", "steward84").type("displayName", "Quynh Le").type("password", "steward-84-password")
                    .type("locals", "L999");
            browser.find("input[name=roles][value=STEWARD]").click();
            browser.submit("form[action='/people'] button[type=submit]");
            assertThat(browser.text(".govuk-error-summary")).contains("Enter one local that exists");
            assertThat(browser.find("#locals").getAttribute("value")).isEqualTo("L999");
            assertThat(browser.find("#password").getAttribute("value")).as("a password is never sent back").isEmpty();
            assertThat(browser.find("input[name=roles][value=STEWARD]").isSelected()).isTrue();
            browser.assertAccessible("new person with an error").screenshot("people-new-error-en");

            browser.type("locals", "L084").type("password", "steward-84-password");
            browser.submit("form[action='/people'] button[type=submit]");
            assertThat(browser.text("#created")).isEqualTo("steward84 was created.");
            assertThat(browser.text("tr[data-username=steward84]")).contains("Quynh Le", "Steward", "Local L084");

            browser.go("/people?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Người dùng");
            browser.assertAccessible("people (vi)").screenshot("people-vi");
        }
        assertThat(new ApiClient(APP.getLocalPort()).get("/api/v1/me", basic("steward84", "steward-84-password")).statusCode())
                .as("the new person can sign in").isEqualTo(200);
    }
    @Test
    void anAdministratorManagesOnePersonFromTheirPageAndCreatesACampaign() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("admin", ADMIN_PASSWORD);
            browser.go("/people");
            browser.submit("a[href='/people/person83']");
            assertThat(browser.text("h1")).isEqualTo("Person Eighty-Three");
            assertThat(browser.text("#grants")).contains("Member: active, from ");
            browser.assertAccessible("person").screenshot("person-en");

            browser.find("#role option[value=STEWARD]").click();
            browser.type("from", "next week");
            browser.submit("#grant");
            assertThat(browser.text(".govuk-error-summary")).contains("This was not done");
            assertThat(browser.find("#from").getAttribute("value")).isEqualTo("next week");
            browser.assertAccessible("person with an error").screenshot("person-error-en");
            browser.type("from", "");
            browser.submit("#grant");
            assertThat(browser.text("#done")).isEqualTo("The role is granted.");
            assertThat(browser.find("#grants tr[data-role=STEWARD]").getAttribute("data-status")).isEqualTo("ACTIVE");
            browser.go("/people/person83?lang=vi");
            assertThat(browser.text("#grant")).isEqualTo("Cấp vai trò");
            browser.assertAccessible("person (vi)").screenshot("person-vi");

            browser.go("/campaigns/new?lang=en");
            assertThat(browser.text("h1")).isEqualTo("Create a campaign");
            browser.assertAccessible("new campaign").screenshot("campaigns-new-en");
            browser.type("name", "Organize L083").type("scopeId", "L083").type("startsOn", "2027-03-01")
                    .type("endsOn", "2029-03-01").type("worksites", "DMV Salem");
            browser.submit("#create");
            assertThat(browser.text(".govuk-error-summary")).contains("a campaign runs at most");
            browser.assertAccessible("new campaign with an error").screenshot("campaigns-new-error-en");
            browser.type("endsOn", "2027-05-31");
            browser.submit("#create");
            assertThat(browser.text("#banner")).contains("waiting for approval by Local president of local L083");
            browser.assertAccessible("campaigns").screenshot("campaigns-en");
            browser.go("/campaigns?lang=vi");
            browser.assertAccessible("campaigns (vi)").screenshot("campaigns-vi");
        }
    }
}
