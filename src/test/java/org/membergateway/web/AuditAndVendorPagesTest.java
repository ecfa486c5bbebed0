package org.membergateway.web;

import static org.membergateway.testing.PageSession.hidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditTrail;
import org.membergateway.members.MembershipStatus;
import org.membergateway.GatewayServices;
import org.membergateway.testing.Browser;
import org.membergateway.testing.GnuPg;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.support.ui.Select;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.PageSession;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The auditors' pages and the vendors page, on one gateway (one start for the whole area).
 *
 * <p>Over raw HTTP, where every header can be seen: only auditors reach the audit pages and the
 * CSV report (everyone else 403, nothing recorded), verifying is a POST that without its form token
 * is refused and writes no entry, the report is RFC 4180 CSV sent as an attachment and itself
 * audited, search errors are named at their fields, export digests are never printed in full, and
 * /vendors is for staff, administrators and auditors only.
 *
 * <p>In a real browser: an auditor searches, pages, verifies the trail, reads the checkpoint, the
 * charts with their tables and the flags, in English and Vietnamese, and once without JavaScript;
 * staff see the vendors with their agreements, extracts and the attestations due. Every page is
 * checked with axe-core and kept as a screenshot.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditAndVendorPagesTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-audit-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final String DIGEST = "0123456789abcdef".repeat(4);
    static Jdbi superuser;
    static String auditor;
    static String officer;
    static String staff;

    static final List<String> MAIL_FIELDS = List.of("first_name", "last_name", "home_street", "home_city",
            "home_state", "home_zip");
    static String base;
    static ApiClient api;
    static GnuPg gpg;
    static String vendorFingerprint;
    static long vendorId;
    static long approvedExtract;
    static long pendingExtract;

    @BeforeAll
    static void setUp() {
        base = "http://127.0.0.1:" + APP.getLocalPort();
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").members("L083", "M83", 5, MembershipStatus.MEMBER);
        api = new ApiClient(APP.getLocalPort());
        String admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "auditor9", "Auditor Nine", "auditor-nine-password", "AUDITOR", null);
        TestPeople.create(api, admin, "officer9", "Officer Nine", "officer-nine-password", "LOCAL_OFFICER", "L083");
        TestPeople.create(api, admin, "staff9", "Staff Nine", "staff-nine-password", "STAFF", null);
        TestPeople.create(api, admin, "ed9", "Director Nine", "director-nine-password", "EXECUTIVE_DIRECTOR", null);
        GatewayServices services = APP.<GatewayApplication>getApplication().services();
        TestPeople.acknowledgeEverything(api, services.acknowledgements(), basic("staff9", "staff-nine-password"), "Staff Nine");
        TestPeople.acknowledgeEverything(api, services.acknowledgements(), basic("ed9", "director-nine-password"),
                "Director Nine");

        // A vendor with a real key, an approved extract exported to it (approved long enough ago that
        // its destruction attestation is due) and one waiting for approval.
        gpg = GnuPg.inTemporaryHome();
        vendorFingerprint = gpg.generateKey("Capitol Mailing <pgp@capitol-mailing.example>", "future-default", "default", "2y");
        LocalDate today = LocalDate.now(ZONE);
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("name", "Capitol Mailing Services");
        vendor.put("service", "MAIL_HOUSE");
        vendor.put("allowedFields", MAIL_FIELDS);
        vendor.put("validFrom", today.minusDays(1).toString());
        vendor.put("validUntil", today.plusYears(1).toString());
        vendor.put("openpgpPublicKey", gpg.exportPublicKey(vendorFingerprint));
        HttpResponse<String> created = api.postJson("/api/v1/vendors", admin, vendor);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        vendorId = ApiClient.json(created).path("id").asLong();
        approvedExtract = extract();
        HttpResponse<String> approved = api.postJson("/api/v1/list-requests/" + approvedExtract + "/approval",
                basic("ed9", "director-nine-password"), Map.of("approve", true, "note", "Mailing for the survey"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        HttpResponse<String> exported = api.postJson("/api/v1/list-requests/" + approvedExtract + "/exports",
                basic("staff9", "staff-nine-password"), Map.of("encryption", "RECIPIENT_KEY"));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(201);
        superuser.useHandle(h -> h.execute("UPDATE list_request_approvals SET decided_at = decided_at - interval '40 days'"
                + " WHERE request_id = ?", approvedExtract));
        pendingExtract = extract();

        // What the flags look for, written through the gateway's own trail.
        AuditTrail trail = services.audit();
        trail.record(AuditEvent.of(AuditEventType.DATA_RELEASE, "officer9", "export:00000000-0000-0000-0000-000000000009")
                .withDecision("EXPORTED").withRows(12).withExportDigest(DIGEST));
        trail.record(AuditEvent.of(AuditEventType.DATA_RELEASE, "surge9", "export:00000000-0000-0000-0000-000000000010")
                .withDecision("EXPORTED").withRows(5_000).withExportDigest("f".repeat(64)));
        for (int i = 0; i < 3; i++) {
            trail.record(AuditEvent.of(AuditEventType.DECISION, "prober9", "list-request:denied:VOTING_DATA:STATEWIDE:ALL")
                    .withDecision("DENIED").withReasons(List.of("PURPOSE_NOT_PERMITTED")));
        }
        trail.record(AuditEvent.of(AuditEventType.DECISION, "candidate9", "list-request:" + pendingExtract)
                .withDecision("PENDING_APPROVAL").withReasons(List.of("APPROVAL_REQUIRED", "CANDIDATE_IN_SCOPE")));
        auditService().checkpointNow();

        auditor = signIn("auditor9", "auditor-nine-password");
        officer = signIn("officer9", "officer-nine-password");
        staff = signIn("staff9", "staff-nine-password");
    }

    @AfterAll
    static void tearDown() {
        gpg.close();
    }

    static long extract() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        body.put("audience", "REPRESENTED_WORKERS");
        body.put("fields", MAIL_FIELDS);
        HttpResponse<String> requested = api.postJson("/api/v1/vendors/" + vendorId + "/extracts",
                basic("staff9", "staff-nine-password"), body);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        return ApiClient.json(requested).path("id").asLong();
    }

    /** The running gateway's audit service, to sign a checkpoint when the test needs one. */
    static AuditService auditService() {
        return APP.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(io.dropwizard.lifecycle.JettyManaged.class::isInstance)
                .map(m -> ((io.dropwizard.lifecycle.JettyManaged) m).getManaged())
                .filter(AuditService.class::isInstance).map(AuditService.class::cast)
                .findFirst().orElseThrow();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path));
    }

    static HttpResponse<String> get(String path, String session) {
        return send(at(path).header("Cookie", session));
    }

    static HttpResponse<String> post(String path, String cookies, String body) {
        return send(at(path).header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String cookie(HttpResponse<?> response, String name) {
        return PageSession.cookieValue(response, name);
    }

    static String signIn(String username, String password) {
        return PageSession.signIn(APP.getLocalPort(), username, password);
    }

    static long entries(String action, String actor) {
        return TestDatabases.one(superuser, "SELECT count(*) FROM audit_entries WHERE action = '" + action
                + "' AND actor = '" + actor + "'", Long.class);
    }

    static String today() {
        return LocalDate.now(ZONE).toString();
    }

    @Test
    void onlyAuditorsReachTheAuditPagesAndTheReport() {
        List<String> pages = List.of("/audit", "/audit?actor=admin", "/audit/integrity", "/audit/releases", "/audit/flags",
                "/audit/report.csv?from=" + today() + "&to=" + today());
        for (String session : List.of(officer, staff)) {
            for (String path : pages) {
                HttpResponse<String> refused = get(path, session);
                assertThat(refused.statusCode()).as(path).isEqualTo(403);
                assertThat(refused.headers().firstValue("Content-Type")).as(path)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(refused.body()).as(path).doesNotContain("officer9,").doesNotContain("DATA_RELEASE");
            }
            String csrf = hidden(get("/", session).body(), "csrf");
            assertThat(post("/audit/integrity/verify", session, "csrf=" + csrf).statusCode()).isEqualTo(403);
        }
        assertThat(entries("AUDIT_REPORT", "officer9") + entries("AUDIT_REPORT", "staff9")).isZero();
        assertThat(entries("AUDIT_VERIFICATION", "officer9") + entries("AUDIT_VERIFICATION", "staff9")).isZero();
        for (String path : pages) {
            HttpResponse<String> auditorsPage = get(path, auditor);
            assertThat(auditorsPage.statusCode()).as(path).isEqualTo(200);
            assertThat(auditorsPage.body()).as(path).doesNotContain("style=\"");
            assertThat(auditorsPage.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(auditorsPage.body()).as(path).doesNotContain("template error");
        }
        HttpResponse<String> signedOut = send(at("/audit/report.csv?from=" + today() + "&to=" + today()));
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?next="));
    }

    @Test
    void verifyingIsAPostWithTheFormsTokenAndNeverAPageView() {
        long before = entries("AUDIT_VERIFICATION", "auditor9");
        assertThat(get("/audit/integrity", auditor).statusCode()).isEqualTo(200);
        assertThat(get("/audit", auditor).statusCode()).isEqualTo(200);
        assertThat(entries("AUDIT_VERIFICATION", "auditor9")).as("viewing verifies nothing").isEqualTo(before);

        HttpResponse<String> noToken = post("/audit/integrity/verify", auditor, "");
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = post("/audit/integrity/verify", auditor, "csrf=" + "x".repeat(43));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> get = send(at("/audit/integrity/verify").header("Cookie", auditor));
        assertThat(get.statusCode()).as("not by GET either").isEqualTo(405);
        assertThat(entries("AUDIT_VERIFICATION", "auditor9")).as("refused: nothing written").isEqualTo(before);

        String csrf = hidden(get("/audit/integrity", auditor).body(), "csrf");
        HttpResponse<String> verified = post("/audit/integrity/verify", auditor, "csrf=" + csrf);
        assertThat(verified.statusCode()).isEqualTo(303);
        assertThat(entries("AUDIT_VERIFICATION", "auditor9")).isEqualTo(before + 1);
        long seq = TestDatabases.one(superuser, "SELECT max(seq) FROM audit_entries WHERE action = 'AUDIT_VERIFICATION'",
                Long.class);
        assertThat(verified.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/audit/integrity?verified=" + seq + "#verification"));
        String page = get("/audit/integrity?verified=" + seq, auditor).body();
        assertThat(page).contains("You verified the trail just now").contains("Valid").contains("entry " + seq);
        assertThat(get("/audit/integrity?verified=1", auditor).body()).as("only for the latest verification")
                .doesNotContain("You verified the trail just now");
    }

    @Test
    void theReportIsCsvSentAsAnAttachmentAndRecorded() throws IOException {
        long before = entries("AUDIT_REPORT", "auditor9");
        HttpResponse<String> report = get("/audit/report.csv?from=" + LocalDate.now(ZONE).minusDays(1) + "&to=" + today(),
                auditor);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValue("text/csv;charset=utf-8");
        assertThat(report.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"audit-trail-"
                + LocalDate.now(ZONE).minusDays(1) + "-to-" + today() + ".csv\"");
        assertThat(report.headers().firstValue("Cache-Control")).hasValue("no-store");
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(report.body()))) {
            assertThat(parser.getHeaderNames()).containsExactly("seq", "time_utc", "time_local", "actor", "action", "target",
                    "export_digest_start", "decision", "reasons", "rows");
            records = parser.getRecords();
        }
        assertThat(records).extracting(r -> r.get("action")).contains("DIRECTORY_CHANGE", "DATA_RELEASE", "SESSION");
        assertThat(report.body()).contains(DIGEST.substring(0, 12)).doesNotContain(DIGEST);
        assertThat(entries("AUDIT_REPORT", "auditor9")).isEqualTo(before + 1);
        long rows = TestDatabases.one(superuser, "SELECT row_count FROM audit_entries WHERE action = 'AUDIT_REPORT'"
                + " ORDER BY seq DESC LIMIT 1", Long.class);
        assertThat(rows).as("the entry counts what was sent").isEqualTo(records.size());

        HttpResponse<String> backwards = get("/audit/report.csv?from=" + today() + "&to=2020-01-01", auditor);
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(backwards.body()).contains("href=\"#report-to\"").contains("The last day must be the same as or after");
        HttpResponse<String> missing = get("/audit/report.csv", auditor);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("href=\"#report-from\"").contains("href=\"#report-to\"");
        assertThat(entries("AUDIT_REPORT", "auditor9")).as("refused periods are not reports").isEqualTo(before + 1);
    }

    @Test
    void theSearchNamesWhatIsWrongAtItsFieldAndPagesForward() {
        HttpResponse<String> wrong = get("/audit?from=last+tuesday&decision=denied%21&action=NOPE", auditor);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("href=\"#from\"").contains("href=\"#decision\"").contains("href=\"#action\"")
                .contains("govuk-error-message");
        HttpResponse<String> wrongVi = get("/audit?to=x&lang=vi", auditor);
        assertThat(wrongVi.body()).contains("Hãy nhập ngày kết thúc dạng 2026-05-31");

        String first = get("/audit?actor=admin&limit=2", auditor).body();
        List<String> firstSeqs = seqs(first);
        assertThat(firstSeqs).hasSize(2);
        Matcher next = Pattern.compile("href=\"(/audit\\?actor=admin&amp;afterSeq=\\d+&amp;limit=2)\" rel=\"next\"").matcher(first);
        assertThat(next.find()).as("a next page").isTrue();
        String second = get(next.group(1).replace("&amp;", "&"), auditor).body();
        assertThat(seqs(second)).isNotEmpty().doesNotContainAnyElementsOf(firstSeqs);
        assertThat(Long.parseLong(seqs(second).get(0))).isGreaterThan(Long.parseLong(firstSeqs.get(1)));

        String releases = get("/audit?action=DATA_RELEASE", auditor).body();
        assertThat(releases).contains(DIGEST.substring(0, 12) + "…").doesNotContain(DIGEST);
        assertThat(releases).contains("export:00000000-0000-0000-0000-000000000009");
    }

    static List<String> seqs(String html) {
        Matcher m = Pattern.compile("href=\"/audit\\?afterSeq=\\d+&amp;limit=1\">(\\d+)</a>").matcher(html);
        List<String> seqs = new java.util.ArrayList<>();
        while (m.find()) {
            seqs.add(m.group(1));
        }
        return seqs;
    }

    @Test
    void theVendorsPageIsForStaffAdministratorsAndAuditorsOnly() {
        assertThat(get("/vendors", officer).statusCode()).isEqualTo(403);
        assertThat(get("/vendors", staff).statusCode()).isEqualTo(200);
        assertThat(get("/vendors", staff).body()).doesNotContain("template error").doesNotContain("style=\"");
        assertThat(get("/vendors", auditor).statusCode()).isEqualTo(200);
        String admin = signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> adminPage = get("/vendors", admin);
        assertThat(adminPage.statusCode()).isEqualTo(200);
        assertThat(adminPage.body()).as("attestations due are followed by staff and auditors, as in the API")
                .doesNotContain("id=\"attestations-due\"");
        assertThat(get("/vendors", staff).body()).contains("id=\"attestations-due\"");
    }

    // ---- in a browser ------------------------------------------------------------------------

    @Test
    void theVendorsPageSaysWhetherAVendorsApiKeyIsRevokedAndWhenItWasIssuedOrRotated() {
        String card = "id=\"vendor-" + vendorId + "-api-key\"";
        String page = get("/vendors", staff).body();
        assertThat(section(page, card)).contains("In use").contains("issued or last rotated").doesNotContain("Revoked");

        String admin = basic("admin", ADMIN_PASSWORD);
        assertThat(api.delete("/api/v1/vendors/" + vendorId + "/api-key", admin).statusCode()).isEqualTo(200);
        String revoked = section(get("/vendors", staff).body(), card);
        assertThat(revoked).contains("Revoked").contains("cannot pull extracts").doesNotContain("In use");
        assertThat(section(get("/vendors?lang=vi", staff).body(), card)).contains("Đã thu hồi");

        // A new key after the revocation: in use again, and the page says when it was issued.
        assertThat(api.postJson("/api/v1/vendors/" + vendorId + "/api-key", admin, Map.of()).statusCode()).isEqualTo(201);
        assertThat(section(get("/vendors", staff).body(), card)).contains("In use").doesNotContain("Revoked");
    }

    /** The markup from {@code marker} to the end of its element's list. */
    private static String section(String page, String marker) {
        int start = page.indexOf(marker);
        assertThat(start).as(marker).isNotNegative();
        int end = page.indexOf("</dl>", start);
        return page.substring(start, end);
    }

    @Test
    void anAuditorSearchesPagesVerifiesAndReadsTheChartsAndTheFlags() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("auditor9", "auditor-nine-password");
            browser.go("/audit");
            assertThat(browser.text("h1")).isEqualTo("Audit trail");
            browser.assertAccessible("audit search").screenshot("audit-search-en");

            browser.type("actor", "prober9");
            new Select(browser.find("#action")).selectByValue("DECISION");
            browser.submit("form[action='/audit'] button[type=submit]");
            assertThat(browser.driver().getCurrentUrl()).contains("actor=prober9").contains("action=DECISION");
            assertThat(browser.findAll("main table tbody tr")).hasSize(3);
            assertThat(browser.text("main table tbody")).contains("DENIED").contains("PURPOSE_NOT_PERMITTED")
                    .doesNotContain("surge9");
            browser.assertAccessible("audit search results").screenshot("audit-search-results-en");

            browser.go("/audit?limit=5");
            assertThat(browser.find("main table tbody tr td a").getText()).isEqualTo("1");
            browser.submit("a[rel=next]");
            assertThat(browser.find("main table tbody tr td a").getText()).as("the second page").isEqualTo("6");
            browser.submit("a[rel=prev]");
            assertThat(browser.find("main table tbody tr td a").getText()).isEqualTo("1");

            browser.go("/audit?from=yesterday");
            assertThat(browser.text(".govuk-error-summary")).contains("Enter the first day as a date");
            assertThat(browser.find("#from").getAttribute("aria-describedby")).contains("from-error");
            browser.assertAccessible("audit search with an error").screenshot("audit-search-error-en");

            browser.go("/audit/integrity");
            assertThat(browser.text("#checkpoint-note")).startsWith("member-gateway/audit\n");
            assertThat(browser.text("#verifier-key-text")).isEqualTo(api.get("/api/v1/audit/verifier-key", null).body().strip());
            assertThat(browser.text("main")).contains("audit-verify --verifier-key");
            browser.assertAccessible("integrity").screenshot("audit-integrity-en");
            browser.submit("form[action='/audit/integrity/verify'] button[type=submit]");
            assertThat(browser.text(".govuk-notification-banner")).contains("You verified the trail just now")
                    .contains("The trail is intact");
            assertThat(browser.text("#last-verification")).contains("Valid").contains("auditor9");
            browser.assertAccessible("integrity after verifying").screenshot("audit-integrity-verified-en");

            browser.go("/audit/releases");
            assertThat(browser.findAll("svg.mg-chart")).hasSize(2);
            assertThat(browser.find("svg.mg-chart title").getAttribute("textContent")).startsWith("Releases per day from");
            assertThat(browser.findAll("#per-day-table tbody tr")).hasSize(31);
            assertThat(browser.text("#per-requester-table")).contains("surge9").contains("5,000").contains("staff9");
            browser.assertAccessible("releases").screenshot("audit-releases-en");

            browser.go("/audit/flags");
            assertThat(browser.text("#volume ~ .govuk-summary-card")).contains("surge9");
            assertThat(browser.text("main")).contains("prober9 was denied 3 times within a day")
                    .contains("candidate9 is a declared candidate")
                    .contains("Downloads refused in the last 30 days because the list had expired");
            browser.assertAccessible("flags").screenshot("audit-flags-en");
            browser.submit("#volume ~ .govuk-summary-card .govuk-summary-card__content > p.govuk-body:last-child a");
            assertThat(browser.driver().getCurrentUrl()).contains("actor=surge9").contains("action=DATA_RELEASE");
            assertThat(browser.findAll("main table tbody tr")).hasSize(1);
        }
    }

    @Test
    void theAuditPagesSpeakVietnamese() {
        try (Browser browser = Browser.shared(base, true, "vi")) {
            browser.signIn("auditor9", "auditor-nine-password");
            browser.go("/audit");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("vi");
            assertThat(browser.text("h1")).isEqualTo("Nhật ký kiểm toán");
            browser.assertAccessible("audit search (vi)").screenshot("audit-search-vi");
            browser.go("/audit/integrity");
            assertThat(browser.text("h1")).isEqualTo("Tính toàn vẹn của nhật ký kiểm toán");
            browser.assertAccessible("integrity (vi)").screenshot("audit-integrity-vi");
            browser.go("/audit/releases");
            assertThat(browser.text("#per-day-table")).contains("Bản xuất đã tạo");
            browser.assertAccessible("releases (vi)").screenshot("audit-releases-vi");
            browser.go("/audit/flags");
            assertThat(browser.text("main")).contains("prober9 đã bị từ chối 3 lần trong vòng một ngày");
            browser.assertAccessible("flags (vi)").screenshot("audit-flags-vi");
        }
    }

    @Test
    void withoutJavaScriptAnAuditorSearchesAndVerifies() {
        try (Browser browser = Browser.shared(base, false, "en")) {
            browser.signIn("auditor9", "auditor-nine-password");
            browser.go("/audit");
            browser.type("actor", "candidate9");
            browser.submit("form[action='/audit'] button[type=submit]");
            assertThat(browser.findAll("main table tbody tr")).hasSize(1);
            assertThat(browser.text("main table tbody")).contains("CANDIDATE_IN_SCOPE");
            browser.find("main table tbody a[href='/requests/" + pendingExtract + "']");
            browser.go("/audit/integrity");
            browser.submit("form[action='/audit/integrity/verify'] button[type=submit]");
            assertThat(browser.text(".govuk-notification-banner")).contains("You verified the trail just now");
            browser.screenshot("audit-integrity-verified-nojs-en");
            browser.go("/audit/releases?from=2026-01-02&to=2026-01-01");
            assertThat(browser.text(".govuk-error-summary")).contains("The last day must be the same as or after the first day");
            browser.screenshot("audit-releases-error-nojs-en");
        }
    }

    @Test
    void staffSeeTheVendorsAgreementsExtractsAndTheAttestationsDue() {
        try (Browser browser = Browser.shared(base, true, "en")) {
            browser.signIn("staff9", "staff-nine-password");
            browser.go("/vendors");
            assertThat(browser.text("h1")).isEqualTo("Vendors");
            String card = browser.text("#vendor-" + vendorId);
            assertThat(card).contains("Capitol Mailing Services").contains("In force").contains("Mail house")
                    .contains("home_street").contains(vendorFingerprint.substring(0, 4) + " " + vendorFingerprint.substring(4, 8))
                    .contains("Approved").contains("Waiting for approval").contains("by staff9");
            browser.find("#vendor-" + vendorId + " a[href='/requests/" + approvedExtract + "']");
            browser.find("#vendor-" + vendorId + " a[href='/requests/" + pendingExtract + "']");
            assertThat(browser.text("#overdue")).contains("Extract " + approvedExtract).contains("40 days ago");
            assertThat(browser.text("#overdue")).doesNotContain("Extract " + pendingExtract);
            browser.assertAccessible("vendors").screenshot("vendors-en");
            browser.go("/vendors?lang=vi");
            assertThat(browser.text("h1")).isEqualTo("Nhà cung cấp");
            assertThat(browser.text("#vendor-" + vendorId)).contains("Còn hiệu lực");
            browser.assertAccessible("vendors (vi)").screenshot("vendors-vi");
        }
    }
}
