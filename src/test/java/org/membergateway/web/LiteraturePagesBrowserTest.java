package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.Browser;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The literature and notice pages in a real browser: a candidate chooses their leaflet's file, gets
 * the quote with the file's SHA-256 and submits it, in English and Vietnamese, every page checked
 * with axe-core; staff send an official notice; and the candidate's whole path once more with
 * JavaScript off. Two browsers in all, to keep the suite quick.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LiteraturePagesBrowserTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-literature-browser";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static String base;
    static Jdbi superuser;
    static Path leaflet;
    static String leafletSha256;

    @BeforeAll
    static void setUp() throws Exception {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        ApiClient api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L085", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip)
                SELECT 'LB' || lpad(i::text, 3, '0'), 'Browserfirst' || i, 'Browserlast' || i,
                       CASE WHEN i <= 12 THEN 'L083' ELSE 'L085' END, 'R3', 'STATE_AGENCIES', 'MEMBER',
                       i || ' Alder St', 'Salem', 'OR', '97301'
                FROM generate_series(1, 20) AS i"""));
        LocalDate today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        TestElections.insert(superuser, "E-LIT-B", Office.BOARD_SEAT, ScopeType.REGION, "R3", today.plusDays(20), null,
                today.plusDays(40), TestElections.placeholderVendor(superuser, "Browser mail house"), null);
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "bcand", "Browser Candidate", "browser-candidate-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "bstaff", "Browser Staff", "browser-staff-password", "STAFF", null);
        assertThat(api.postJson("/api/v1/people/bcand/candidacies", admin, Map.of("office", "BOARD_SEAT",
                "scopeType", "REGION", "scopeId", "R3", "electionId", "E-LIT-B")).statusCode()).isEqualTo(201);
        byte[] bytes = ("%PDF-1.4\n% A leaflet for the browser test\n" + "Vote for a fair contract.\n".repeat(400))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        leaflet = Files.createTempFile("leaflet-", ".pdf");
        Files.write(leaflet, bytes);
        leafletSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @AfterAll
    static void removeLeaflet() throws IOException {
        Files.deleteIfExists(leaflet);
    }

    static long stored(String title) {
        return superuser.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM election_mailings WHERE title = :t AND literature_sha256 = :sha AND status = 'PENDING_APPROVAL'")
                .bind("t", title).bind("sha", leafletSha256).mapTo(Long.class).one());
    }

    @Test
    void aCandidateGetsAQuoteForTheirFileAndSubmitsItAndStaffSendANotice() {
        try (Browser browser = Browser.open(base, true, "en")) {
            browser.signIn("bcand", "browser-candidate-password");
            browser.go("/elections/E-LIT-B/mailings/new");
            assertThat(browser.text("h1")).isEqualTo("Send your literature: Election E-LIT-B");
            assertThat(browser.text("#terms")).contains("$0.62 a piece by post");
            browser.assertAccessible("literature form").screenshot("literature-form-en");

            // Nothing chosen: the error is on the file field, and the page is still accessible.
            browser.type("title", "A fair contract");
            browser.submit("#get-quote");
            assertThat(browser.text("#literature-error")).contains("Choose the file of your literature");
            browser.assertAccessible("literature form with an error").screenshot("literature-error-en");

            browser.find("#scope-part").click();
            browser.type("scopeId", "L083");
            browser.find("#literature").sendKeys(leaflet.toAbsolutePath().toString());
            browser.submit("#get-quote");
            assertThat(browser.text("h1")).isEqualTo("Your quote: Election E-LIT-B");
            assertThat(browser.text("#quote-sha256")).isEqualTo(leafletSha256);
            assertThat(browser.text("#quote-pieces")).isEqualTo("12");
            assertThat(browser.text("#quote-cost")).isEqualTo("$7.44");
            assertThat(browser.text("#equal-terms")).contains("29 CFR 452.67–452.69");
            assertThat(browser.text("body")).doesNotContain("Browserlast").doesNotContain("Alder St");
            browser.assertAccessible("literature quote").screenshot("literature-quote-en");
            browser.submit("#submit-mailing");
            assertThat(browser.driver().getCurrentUrl()).contains("/elections/E-LIT-B?mailing=");
            assertThat(stored("A fair contract")).isEqualTo(1);

            browser.go("/elections/E-LIT-B/mailings/new?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Gửi tài liệu của bạn: Election E-LIT-B");
            browser.find("#literature").sendKeys(leaflet.toAbsolutePath().toString());
            browser.type("title", "Hợp đồng công bằng");
            browser.submit("#get-quote");
            assertThat(browser.text("h1")).isEqualTo("Báo giá của bạn: Election E-LIT-B");
            assertThat(browser.text("#quote-sha256")).isEqualTo(leafletSha256);
            browser.assertAccessible("literature quote (vi)").screenshot("literature-quote-vi");

            browser.signOut();
            browser.signIn("bstaff", "browser-staff-password");
            browser.go("/elections/E-LIT-B/notices/new?lang=en");
            assertThat(browser.text("#notice-terms")).contains("The union pays for an official notice", "29 CFR 452.73");
            browser.assertAccessible("notice form").screenshot("notice-form-en");
            browser.go("/elections/E-LIT-B/notices/new?lang=vi");
            browser.assertAccessible("notice form (vi)").screenshot("notice-form-vi");
            browser.type("title", "Thông báo đề cử");
            browser.find("#literature").sendKeys(leaflet.toAbsolutePath().toString());
            browser.submit("#send-notice");
            assertThat(browser.driver().getCurrentUrl()).contains("/elections/E-LIT-B?notice=");
            assertThat(stored("Thông báo đề cử")).isEqualTo(1);
        }
    }

    @Test
    void theCandidatesPathWorksWithoutJavaScript() {
        try (Browser browser = Browser.open(base, false, "en")) {
            browser.signIn("bcand", "browser-candidate-password");
            browser.go("/elections/E-LIT-B/mailings/new");
            browser.type("title", "Without scripts");
            browser.find("#literature").sendKeys(leaflet.toAbsolutePath().toString());
            browser.submit("#get-quote");
            assertThat(browser.text("#quote-sha256")).isEqualTo(leafletSha256);
            assertThat(browser.text("#quote-pieces")).isEqualTo("20");
            browser.screenshot("literature-quote-nojs");
            browser.submit("#submit-mailing");
            assertThat(browser.driver().getCurrentUrl()).contains("/elections/E-LIT-B?mailing=");
            assertThat(stored("Without scripts")).isEqualTo(1);
        }
    }
}
