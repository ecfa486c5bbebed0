package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code /elections/{id}/inspection} over raw HTTP with a session signed in through the form: the
 * button (a POST with the session's csrf; without it nothing opens), the table of names and addresses
 * with the candidate's name and the time across it, paged, each page audited; the print stylesheet
 * that hides the table; the page in Vietnamese; and a member who is not a candidate shown why not.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InspectionPagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-inspect-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static AckPeopleHttp http;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        ApiClient api = new ApiClient(APP.getLocalPort());
        http = new AckPeopleHttp(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip, home_email)
                SELECT 'P' || lpad(i::text, 3, '0'), 'Pagefirst' || i, 'Pagelast' || lpad(i::text, 3, '0'), 'L083', 'R3',
                       'STATE_AGENCIES', 'MEMBER', i || ' Birch Ave', 'Eugene', 'OR', '97401', 'p' || i || '@example.org'
                FROM generate_series(1, 130) AS i"""));
        LocalDate today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        TestElections.insert(superuser, "E-PAGES", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", today.plusDays(10), null,
                today.plusDays(10), TestElections.placeholderVendor(superuser, "Pages mail house"), null);
        TestPeople.create(api, ADMIN, "pagecand", "Pagecandidate Watermark", "page-candidate-password", "MEMBER", "L083");
        TestPeople.create(api, ADMIN, "pagemember", "Plain Member", "page-member-password", "MEMBER", "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/pagecand/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "E-PAGES"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    }

    static long inspections(String username) {
        return superuser.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM election_inspections i JOIN people p ON p.id = i.person_id WHERE p.username = :u""")
                .bind("u", username).mapTo(Long.class).one());
    }

    static List<String> pageViews(String username) {
        return superuser.withHandle(h -> h.createQuery("""
                SELECT target || ' ' || row_count FROM audit_entries WHERE actor = :u AND action = 'DATA_RELEASE' ORDER BY seq""")
                .bind("u", username).mapTo(String.class).list());
    }

    @Test
    void theCandidateOpensTheInspectionWithTheButtonAndReadsWatermarkedPagesEachAudited() {
        String session = http.signIn("pagecand", "page-candidate-password");
        HttpResponse<String> before = http.get("/elections/E-PAGES/inspection", session);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(before.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(before.headers().firstValue("Content-Security-Policy").orElse("")).doesNotContain("unsafe-inline");
        assertThat(before.body()).contains("<form method=\"post\" action=\"/elections/E-PAGES/inspection\"")
                .contains("Open the inspection").doesNotContain("Pagelast");

        // Without the form's token nothing opens.
        HttpResponse<String> forged = http.post("/elections/E-PAGES/inspection", session, "");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(inspections("pagecand")).isZero();

        HttpResponse<String> opened = http.post("/elections/E-PAGES/inspection", session,
                AckPeopleHttp.form("csrf", AckPeopleHttp.hidden(before.body(), "csrf")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location").orElse("")).endsWith("/elections/E-PAGES/inspection");
        assertThat(inspections("pagecand")).isEqualTo(1);

        HttpResponse<String> first = http.get("/elections/E-PAGES/inspection", session);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
        String body = first.body();
        assertThat(body).contains("Pagefirst1 Pagelast001").contains("1 Birch Ave").contains("Eugene").contains("97401")
                .contains("Pagefirst100 Pagelast100").doesNotContain("Pagelast101").doesNotContain("@example.org")
                .contains("Page 1 of 2").contains("?page=2").doesNotContain("Open the inspection")
                .contains("Inspection only, not for copying (29 CFR 452.71).");
        // The candidate's name across the table, many times over, and once as a line of its own.
        Matcher watermark = Pattern.compile("class=\"mg-watermark__text\">Inspected by Pagecandidate Watermark at ").matcher(body);
        int marks = 0;
        while (watermark.find()) {
            marks++;
        }
        assertThat(marks).isGreaterThanOrEqualTo(10);
        assertThat(body).contains("id=\"watermark\">Inspected by Pagecandidate Watermark at ");
        assertThat(body).doesNotContain("style=").doesNotContain("<style").doesNotContainPattern("<a [^>]*download").doesNotContain(".csv");

        HttpResponse<String> second = http.get("/elections/E-PAGES/inspection?page=2", session);
        assertThat(second.body()).contains("Pagefirst130 Pagelast130").doesNotContain("Pagelast100").contains("Page 2 of 2");
        assertThat(pageViews("pagecand")).containsExactly(
                "election:E-PAGES/inspection:" + openedId() + "/page:1 100",
                "election:E-PAGES/inspection:" + openedId() + "/page:2 30");

        // In Vietnamese, the page and its watermark.
        HttpResponse<String> vi = http.get("/elections/E-PAGES/inspection?lang=vi", session);
        assertThat(vi.body()).contains("<html lang=\"vi\"").contains("Kiểm tra danh sách thành viên")
                .contains("Được kiểm tra bởi Pagecandidate Watermark lúc");

        // The stylesheet the page links hides the table on paper.
        Matcher css = Pattern.compile("href=\"(/assets/[^\"]+/app\\.css)\"").matcher(body);
        assertThat(css.find()).isTrue();
        String stylesheet = http.get(css.group(1), session).body();
        assertThat(stylesheet).containsPattern("@media print \\{\\s*\\.mg-inspection, [^}]*display: none !important");
    }

    long openedId() {
        return superuser.withHandle(h -> h.createQuery("""
                SELECT i.id FROM election_inspections i JOIN people p ON p.id = i.person_id WHERE p.username = 'pagecand'""")
                .mapTo(Long.class).one());
    }

    @Test
    void aMemberWhoIsNotACandidateIsToldWhyAndCannotOpenOne() {
        String session = http.signIn("pagemember", "page-member-password");
        HttpResponse<String> page = http.get("/elections/E-PAGES/inspection", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You are not a declared candidate of this election").doesNotContain("Open the inspection")
                .doesNotContain("Pagelast");
        HttpResponse<String> refused = http.post("/elections/E-PAGES/inspection", session,
                AckPeopleHttp.form("csrf", http.csrf(session)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("The inspection cannot be opened now.").doesNotContain("Pagelast");
        assertThat(inspections("pagemember")).isZero();
        assertThat(http.get("/elections/NO-SUCH/inspection", session).statusCode()).isEqualTo(404);
    }
}
