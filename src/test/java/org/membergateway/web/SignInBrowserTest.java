package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.Browser;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.TestDatabases;

/**
 * Signing in to the pages in a real browser: sent to the sign-in page and back, the home page in
 * English and Vietnamese, signing out; the same without JavaScript; and the form's lockout. Each
 * page is checked with axe-core and kept as a screenshot.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SignInBrowserTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-web";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static String base;

    @BeforeAll
    static void setUp() {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        ApiClient api = new ApiClient(APP.getLocalPort());
        UnionFixture.in(GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres")))
                .local("L083", "R3", "STATE_AGENCIES");
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "officer83", "Linh Tran", "officer-83-password", "LOCAL_OFFICER", "L083");
        TestPeople.create(api, admin, "locked83", "Locked Out", "locked-83-password", "LOCAL_OFFICER", "L083");
    }

    @Test
    void aPersonSignsInSeesTheirHomeInTheirLanguageAndSignsOut() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.go("/?from=bookmark");
            assertThat(browser.path()).as("sent to sign in first").isEqualTo("/login");
            assertThat(browser.find("input[name=next]").getAttribute("value")).isEqualTo("/?from=bookmark");
            browser.assertAccessible("sign-in").screenshot("login-en");

            browser.type("username", "officer83").type("password", "officer-83-password")
                    .submit("form[action='/login'] button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).as("back where they were going").endsWith("/?from=bookmark");
            assertThat(browser.text("h1")).isEqualTo("Hello, Linh Tran");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
            assertThat(browser.text(".mg-signed-in")).contains("Linh Tran");
            browser.assertAccessible("home").screenshot("home-en");

            browser.submit("a[hreflang=vi]");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("vi");
            assertThat(browser.text("h1")).isEqualTo("Xin chào, Linh Tran");
            browser.go("/");
            assertThat(browser.find("html").getAttribute("lang")).as("the choice is remembered").isEqualTo("vi");
            browser.assertAccessible("home (vi)").screenshot("home-vi");

            browser.signOut();
            assertThat(browser.path()).isEqualTo("/login");
            browser.go("/");
            assertThat(browser.path()).as("signed out means signed out").isEqualTo("/login");
        }
    }

    @Test
    void signingInWorksWithoutJavaScript() {
        try (Browser browser = Browser.shared(base, false, "vi")) {
            browser.signIn("officer83", "officer-83-password");
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.find("html").getAttribute("lang")).as("Accept-Language chose Vietnamese").isEqualTo("vi");
            assertThat(browser.text("h1")).isEqualTo("Xin chào, Linh Tran");
        }
    }

    @Test
    void wrongPasswordsLockTheFormAsTheyLockTheApi() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            for (int i = 0; i < 4; i++) {
                browser.signIn("locked83", "not-the-password-" + i);
                assertThat(browser.text(".govuk-error-summary")).contains("The username or password is not right");
            }
            browser.signIn("locked83", "not-the-password-4");
            assertThat(browser.text(".govuk-error-summary")).as("the fifth locks").contains("Too many wrong passwords");
            browser.assertAccessible("sign-in with an error").screenshot("login-error-en");
            browser.signIn("locked83", "locked-83-password");
            assertThat(browser.path()).as("locked: the right password does not get in").isEqualTo("/login");
            assertThat(browser.text(".govuk-error-summary")).contains("Too many wrong passwords");
        }
        assertThat(new ApiClient(APP.getLocalPort()).get("/api/v1/me", basic("locked83", "locked-83-password")).statusCode())
                .as("the API shares the lockout").isEqualTo(429);
    }
}
