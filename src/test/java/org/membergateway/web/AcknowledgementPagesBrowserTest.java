package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.Browser;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The confidentiality pages in a real browser: a person who has signed nothing is told so at home,
 * reads the policy in Vietnamese, signs it and the agreement, sees both signed, and downloads a
 * receipt and its signature that the real {@code gpg --verify} accepts; the same signing without
 * JavaScript; staff record a paper sign-off, with a wrong date first. Each page is checked with
 * axe-core and kept as a screenshot.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AcknowledgementPagesBrowserTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-ack-browser";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static String base;
    static ApiClient api;

    @BeforeAll
    static void setUp() {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        api = new ApiClient(APP.getLocalPort());
        UnionFixture.in(GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres")))
                .local("L083", "R3", "STATE_AGENCIES");
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "linh83", "Trần Thị Linh", "linh-83-password", "STEWARD", "L083");
        TestPeople.create(api, admin, "nojs83", "Minh Nguyen", "minh-83-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "paper83", "Paper Signer", "paper-83-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "staff1", "Staff One", "staff-one-password", "STAFF", null);
    }

    @Test
    void aPersonReadsThePolicyInVietnameseSignsItAndChecksTheReceiptWithGnuPg() throws Exception {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("linh83", "linh-83-password");
            assertThat(browser.text(".govuk-notification-banner")).as("the home page says to sign first")
                    .contains("you must read and sign");
            browser.submit(".govuk-notification-banner a[href='/acknowledgements']");
            assertThat(browser.text("h1")).isEqualTo("Confidentiality acknowledgements");
            assertThat(browser.text("tr[data-document=confidentiality-policy] .govuk-tag")).isEqualTo("Not signed");
            assertThat(browser.text("#receipts + p")).contains("not signed anything");
            browser.assertAccessible("acknowledgements").screenshot("acknowledgements-overview-en");

            browser.submit("tr[data-document=confidentiality-policy] a[href$='language=vi']");
            assertThat(browser.text("h1")).isEqualTo("Confidentiality of member records");
            assertThat(browser.find("#text").getAttribute("lang")).isEqualTo("vi");
            assertThat(browser.text("#text")).startsWith("BÍ MẬT CỦA HỒ SƠ THÀNH VIÊN");
            assertThat(browser.find("input[name=language]").getAttribute("value")).isEqualTo("vi");
            browser.assertAccessible("the policy in Vietnamese").screenshot("acknowledgements-document-en");

            // A name that is not the account's is refused at the field, and the text stays on the page.
            browser.type("typedName", "Someone Else").submit("form[action='/acknowledgements'] button[type=submit]");
            assertThat(browser.text(".govuk-error-summary")).contains("Type your name as your account shows it: Trần Thị Linh");
            assertThat(browser.find("#typedName").getAttribute("value")).isEqualTo("Someone Else");
            assertThat(browser.text("#text")).startsWith("BÍ MẬT");
            browser.assertAccessible("signing with the wrong name").screenshot("acknowledgements-document-error-en");

            browser.type("typedName", "  trần thị   linh ").submit("form[action='/acknowledgements'] button[type=submit]");
            assertThat(browser.path()).startsWith("/acknowledgements/receipts/");
            assertThat(browser.text(".govuk-notification-banner--success")).contains("You have signed it");
            assertThat(browser.text("#receipt-summary")).contains("Confidentiality of member records", "2017-11-18", "Tiếng Việt",
                    "Signed online");
            browser.assertAccessible("receipt").screenshot("acknowledgements-receipt-en");

            // Download the two files as the signed-in person, and check them as anyone would.
            String cookie = "mg_session=" + browser.driver().manage().getCookieNamed("mg_session").getValue();
            AckPeopleHttp http = new AckPeopleHttp(APP.getLocalPort());
            HttpResponse<byte[]> receipt = http.bytes(browser.find("#download-receipt").getAttribute("pathname"), cookie);
            HttpResponse<byte[]> signature = http.bytes(browser.find("#download-signature").getAttribute("pathname"), cookie);
            assertThat(receipt.statusCode()).isEqualTo(200);
            assertThat(signature.statusCode()).isEqualTo(200);
            assertThat(new String(receipt.body(), StandardCharsets.UTF_8)).contains("typed-name: trần thị linh\n",
                    "language: vi\n");
            String fingerprint = browser.text("#fingerprint").replace(" ", "");
            try (GnuPg gpg = GnuPg.inTemporaryHome()) {
                gpg.importKey(api.get("/api/v1/keys/openpgp", null).body());
                GnuPg.Result verified = gpg.verify(new String(signature.body(), StandardCharsets.US_ASCII), receipt.body());
                assertThat(verified.exitCode()).as(verified.status()).isZero();
                assertThat(verified.statusHas("GOODSIG")).as(verified.status()).isTrue();
                assertThat(verified.has("VALIDSIG " + fingerprint)).as("the key the page names: " + verified.status()).isTrue();
                byte[] changed = new String(receipt.body(), StandardCharsets.UTF_8).replace("language: vi", "language: en")
                        .getBytes(StandardCharsets.UTF_8);
                assertThat(gpg.verify(new String(signature.body(), StandardCharsets.US_ASCII), changed).statusHas("BADSIG"))
                        .as("a changed receipt does not verify").isTrue();
            }

            // Then the agreement, in English; with both signed the person is current.
            browser.go("/acknowledgements").submit("tr[data-document=confidentiality-agreement] a[href$='language=en']");
            browser.type("typedName", "Trần Thị Linh").submit("form[action='/acknowledgements'] button[type=submit]");
            browser.go("/acknowledgements");
            assertThat(browser.text("tr[data-document=confidentiality-policy] .govuk-tag")).isEqualTo("Signed");
            assertThat(browser.find("tr[data-document=confidentiality-agreement] .govuk-tag").getAttribute("data-status"))
                    .isEqualTo("CURRENT");
            assertThat(browser.text(".govuk-inset-text")).contains("You have signed everything");
            assertThat(browser.findAll("a[href^='/acknowledgements/receipts/']")).hasSize(2);
            browser.assertAccessible("acknowledgements, all signed").screenshot("acknowledgements-signed-en");

            browser.go("/?lang=vi");
            assertThat(browser.findAll(".govuk-notification-banner")).as("no banner once signed").isEmpty();
            browser.go("/acknowledgements");
            assertThat(browser.text("h1")).isEqualTo("Cam kết bảo mật");
            assertThat(browser.text("tr[data-document=confidentiality-policy] .govuk-tag")).isEqualTo("Đã ký");
            browser.assertAccessible("acknowledgements (vi)").screenshot("acknowledgements-signed-vi");
            browser.submit("a[href^='/acknowledgements/receipts/']");
            assertThat(browser.text("#verify")).isEqualTo("Tự kiểm tra biên nhận");
            browser.assertAccessible("receipt (vi)").screenshot("acknowledgements-receipt-vi");
            browser.go("/acknowledgements/confidentiality-agreement/2026-11-01");
            assertThat(browser.find("#text").getAttribute("lang")).as("the page's language chooses the text").isEqualTo("vi");
            assertThat(browser.text(".govuk-inset-text")).contains("Bạn đã ký phiên bản này");
            browser.assertAccessible("document (vi)").screenshot("acknowledgements-document-vi");
        }
    }

    @Test
    void signingWorksWithoutJavaScript() {
        try (Browser browser = Browser.shared(base, false, "vi")) {
            browser.signIn("nojs83", "minh-83-password");
            browser.go("/acknowledgements");
            assertThat(browser.text("h1")).isEqualTo("Cam kết bảo mật");
            browser.submit("tr[data-document=confidentiality-agreement] a[href$='language=vi']");
            assertThat(browser.text("#text")).startsWith("THỎA THUẬN BẢO MẬT");
            browser.type("typedName", "Minh Nguyen").submit("form[action='/acknowledgements'] button[type=submit]");
            assertThat(browser.path()).startsWith("/acknowledgements/receipts/");
            assertThat(browser.text("#receipt-summary")).contains("Thỏa thuận bảo mật thông tin thành viên", "Ký trực tuyến");
            assertThat(browser.find("#receipt-text").getAttribute("textContent")).contains("username: nojs83");
            browser.go("/acknowledgements");
            assertThat(browser.text("tr[data-document=confidentiality-agreement] .govuk-tag")).isEqualTo("Đã ký");
            assertThat(browser.text("tr[data-document=confidentiality-policy] .govuk-tag")).isEqualTo("Chưa ký");
        }
    }

    @Test
    void staffRecordAPaperSignOff() {
        String today = LocalDate.now(ZoneId.of("America/Los_Angeles")).toString();
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("staff1", "staff-one-password");
            browser.go("/acknowledgements/paper");
            assertThat(browser.text("h1")).isEqualTo("Record a paper sign-off");
            browser.assertAccessible("paper sign-off").screenshot("acknowledgements-paper-en");

            browser.type("username", "paper83");
            browser.find("#documentId-1").click();
            browser.type("version", "2026-11-01");
            browser.find("#language").click();
            browser.type("signedOn", LocalDate.parse(today).plusDays(2).toString()).type("witness", "Hoa Pham");
            browser.submit("form[action='/acknowledgements/paper'] button[type=submit]");
            assertThat(browser.text(".govuk-error-summary")).contains("it cannot be in the future");
            assertThat(browser.find("#signedOn").getAttribute("class")).contains("govuk-input--error");
            assertThat(browser.find("#documentId-1").isSelected()).as("the choices are kept").isTrue();
            browser.assertAccessible("paper sign-off with an error").screenshot("acknowledgements-paper-error-en");

            browser.type("signedOn", today).submit("form[action='/acknowledgements/paper'] button[type=submit]");
            assertThat(browser.text("h1")).isEqualTo("Paper sign-off recorded");
            assertThat(browser.text("#paper-summary")).contains("paper83", "Confidentiality agreement for member information",
                    "Signed on paper", "Hoa Pham");
            browser.assertAccessible("paper sign-off recorded").screenshot("acknowledgements-paper-done-en");

            browser.go("/acknowledgements/paper?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Ghi nhận một bản ký trên giấy");
            browser.assertAccessible("paper sign-off (vi)").screenshot("acknowledgements-paper-vi");
        }
        HttpResponse<String> status = api.get("/api/v1/acknowledgements/status?username=paper83",
                basic("staff1", "staff-one-password"));
        assertThat(ApiClient.json(status).path("documents").findValuesAsText("status")).containsExactly("MISSING", "CURRENT");
    }
}
