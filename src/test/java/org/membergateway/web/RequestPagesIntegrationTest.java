package org.membergateway.web;

import static org.membergateway.testing.PageSession.hidden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.PageForms.get;
import static org.membergateway.testing.PageForms.post;
import static org.membergateway.testing.PageForms.posting;
import static org.membergateway.testing.PageForms.withToken;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
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
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.PageForms;
import org.membergateway.testing.PageForms.Session;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The request and approval pages over raw HTTP, where the status and every byte can be seen: a
 * form posted without the session's token is refused and changes nothing; nobody sees, decides,
 * builds or downloads a request outside their scope; a form's problem comes back at its field; the
 * list downloaded from the page is the OpenPGP message gpg opens with the passphrase the page
 * showed; an export being built shows its progress.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestPagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-request-http";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static Jdbi superuser;
    static GnuPg gpg;

    @BeforeAll
    static void setUp() {
        ApiClient api = new ApiClient(APP.getLocalPort());
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R4", "UNIVERSITIES")
                .members("L083", "A", 30, MembershipStatus.MEMBER).members("L084", "B", 10, MembershipStatus.MEMBER);
        String admin = basic("admin", ADMIN_PASSWORD);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        for (String[] person : new String[][] {
                {"officer83", "LOCAL_OFFICER", "L083"}, {"president83", "LOCAL_PRESIDENT", "L083"},
                {"officer84", "LOCAL_OFFICER", "L084"}, {"president84", "LOCAL_PRESIDENT", "L084"},
                {"leaver84", "LOCAL_OFFICER", "L084"}}) {
            TestPeople.create(api, admin, person[0], "Test " + person[0], person[0] + "-password", person[1], person[2]);
            TestPeople.acknowledgeEverything(api, acknowledgements, basic(person[0], person[0] + "-password"),
                    "Test " + person[0]);
        }
        // An officer, not a second president: a local has one president at a time.
        TestPeople.create(api, admin, "newcomer83", "Test newcomer83", "newcomer83-password", "LOCAL_OFFICER", "L083");
        for (String[] person : new String[][] {{"staff9", "STAFF"}, {"director9", "EXECUTIVE_DIRECTOR"}}) {
            TestPeople.create(api, admin, person[0], "Test " + person[0], person[0] + "-password", person[1], null);
            TestPeople.acknowledgeEverything(api, acknowledgements, basic(person[0], person[0] + "-password"),
                    "Test " + person[0]);
        }
        gpg = GnuPg.trustingGateway(api);
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    // ---- HTTP as a browser does it: PageForms -------------------------------------------------

    static HttpRequest.Builder at(String path) {
        return PageForms.at(APP.getLocalPort(), path);
    }

    static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        return PageForms.send(request, body);
    }

    static Session signIn(String username) {
        return PageForms.signIn(APP.getLocalPort(), username);
    }

    /** A request for the members of {@code local} by email, as the form sends it. */
    static String[] requestForm(String local) {
        return new String[] {"purpose", "LOCAL_COMMUNICATION", "campaignId", "", "scopeType", "LOCAL", "scopeId", local,
                "audience", "MEMBERS", "channel", "EMAIL", "fields", "first_name", "fields", "last_name", "fields",
                "home_email", "justification", "Bargaining update"};
    }

    static long send(Session session, String local) {
        return send(session, requestForm(local));
    }

    static long send(Session session, String[] form) {
        HttpResponse<String> sent = post("/requests/new", session, withToken(session, form));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        String location = sent.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static long count(String sql, Object... args) {
        return TestDatabases.count(superuser, sql, args);
    }

    static String status(long id) {
        return TestDatabases.one(superuser, "SELECT status FROM list_requests WHERE id = " + id, String.class);
    }

    /** Waits for a condition the gateway reaches by itself (a build finishing), checking it every 50 ms. */
    static void waitFor(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void formsWithoutTheSessionsTokenAreRefusedAndChangeNothing() throws IOException {
        Session officer = signIn("officer83");
        Session president = signIn("president83");
        long requests = count("SELECT count(*) FROM list_requests");
        for (String path : List.of("/requests/new", "/requests/check")) {
            HttpResponse<String> forged = post(path, officer, requestForm("L083"));
            assertThat(forged.statusCode()).as(path).isEqualTo(403);
            assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            HttpResponse<String> wrong = post(path, officer, withToken(officer.withCsrf("y".repeat(43)),
                    requestForm("L083")));
            assertThat(wrong.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(count("SELECT count(*) FROM list_requests")).isEqualTo(requests);

        long id = send(officer, "L083");
        assertThat(post("/approvals/" + id, president, "approve", "true", "note", "ok").statusCode()).isEqualTo(403);
        assertThat(status(id)).as("still waiting").isEqualTo("PENDING_APPROVAL");
        assertThat(post("/approvals/" + id, president, withToken(president, "approve", "true", "note", "ok"))
                .statusCode()).isEqualTo(303);
        assertThat(status(id)).isEqualTo("APPROVED");

        assertThat(post("/requests/" + id + "/exports", officer, "encryption", "PASSPHRASE").statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ?", id)).as("nothing built").isZero();
        HttpResponse<String> started = post("/requests/" + id + "/exports", officer, withToken(officer, "encryption", "PASSPHRASE"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String passphrase = Pattern.compile("id=\"passphrase\">([^<]+)<").matcher(started.body()).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");
        waitFor("the export to be built", () -> get("/requests/" + id, officer).body().contains("/download\""));
        String page = get("/requests/" + id, officer).body();
        assertThat(page).doesNotContain(passphrase).as("shown once only");
        String export = Pattern.compile("/requests/" + id + "/exports/([0-9a-f-]{36})/download").matcher(page).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        String download = "/requests/" + id + "/exports/" + export + "/download";

        assertThat(post(download, officer).statusCode()).isEqualTo(403);
        assertThat(count("SELECT downloads FROM exports WHERE id = CAST(? AS uuid)", export)).as("not counted").isZero();
        HttpResponse<byte[]> file = send(posting(download, officer, withToken(officer)), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/pgp-encrypted");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(count("SELECT downloads FROM exports WHERE id = CAST(? AS uuid)", export)).isEqualTo(1);
        java.nio.file.Path encrypted = Files.createTempFile(gpg.home(), "export", ".gpg");
        Files.write(encrypted, file.body());
        GnuPg.Result decrypted = gpg.run(passphrase.getBytes(StandardCharsets.UTF_8), "--pinentry-mode", "loopback",
                "--passphrase-fd", "0", "--decrypt", encrypted.toString());
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        List<String> lines = decrypted.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("first_name,last_name,home_email");
        assertThat(lines).as("30 members and the seed records").hasSizeGreaterThan(30);
        assertThat(get("/requests/" + id, officer).body()).contains("Downloads left</dt>").containsPattern(
                "Downloads left</dt>\\s*<dd class=\"govuk-summary-list__value\">2<");
    }

    @Test
    void nobodySeesDecidesBuildsOrDownloadsARequestOutsideTheirScope() {
        Session officer = signIn("officer83");
        Session president = signIn("president83");
        Session otherPresident = signIn("president84");
        Session otherOfficer = signIn("officer84");
        long id = send(officer, "L083");

        assertThat(get("/requests/" + id, otherPresident).statusCode()).isEqualTo(404);
        assertThat(get("/requests/" + id, otherOfficer).statusCode()).isEqualTo(404);
        assertThat(get("/requests", otherOfficer).body()).doesNotContain("/requests/" + id + "\"");
        assertThat(get("/approvals", otherPresident).body()).doesNotContain("/approvals/" + id + "\"");
        assertThat(get("/approvals?decided=" + id, otherPresident).body()).as("not even its status")
                .doesNotContain("Request " + id + " is now");
        HttpResponse<String> foreign = post("/approvals/" + id, otherPresident, withToken(otherPresident, "approve", "true"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        HttpResponse<String> own = post("/approvals/" + id, officer, withToken(officer, "approve", "true"));
        assertThat(own.statusCode()).as("nobody approves their own request").isEqualTo(403);
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");

        String seen = get("/requests/" + id, president).body();
        assertThat(seen).contains("action=\"/approvals/" + id + "\"").doesNotContain("action=\"/requests/" + id + "/exports\"");
        assertThat(get("/approvals", president).body()).contains("action=\"/approvals/" + id + "\"");
        assertThat(post("/approvals/" + id, president, withToken(president, "approve", "true", "from", "request"))
                .headers().firstValue("Location").orElse("")).endsWith("/requests/" + id);

        assertThat(post("/requests/" + id + "/exports", president, withToken(president, "encryption", "PASSPHRASE"))
                .statusCode()).as("only the requester builds it").isEqualTo(404);
        assertThat(post("/requests/" + id + "/exports", otherOfficer, withToken(otherOfficer, "encryption", "PASSPHRASE"))
                .statusCode()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ?", id)).isZero();

        post("/requests/" + id + "/exports", officer, withToken(officer, "encryption", "PASSPHRASE"));
        waitFor("the export to be built", () -> count("SELECT count(*) FROM exports WHERE request_id = ? AND status = 'READY'", id) == 1);
        String export = TestDatabases.one(superuser, "SELECT id::text FROM exports WHERE request_id = " + id, String.class);
        String download = "/requests/" + id + "/exports/" + export + "/download";
        assertThat(post(download, president, withToken(president)).statusCode()).as("the approver sees it, not the list")
                .isEqualTo(404);
        assertThat(post(download, otherOfficer, withToken(otherOfficer)).statusCode()).isEqualTo(404);
        long other = send(otherOfficer, "L084");
        assertThat(post("/requests/" + other + "/exports/" + export + "/download", officer, withToken(officer)).statusCode())
                .as("an export only under its own request").isEqualTo(404);
        assertThat(count("SELECT downloads FROM exports WHERE id = CAST(? AS uuid)", export)).isZero();
    }

    @Test
    void aFormsProblemComesBackAtItsFieldAndNothingIsStored() {
        Session officer = signIn("officer83");
        long requests = count("SELECT count(*) FROM list_requests");
        String[] form = requestForm("L999");
        HttpResponse<String> unknown = post("/requests/new", officer, withToken(officer, form));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("href=\"#scopeId\"").contains("Choose which local, region or employer group")
                .as("the one local they cover is offered again, not what was typed").contains("value=\"L083\"")
                .doesNotContain("L999");
        HttpResponse<String> noFields = post("/requests/check", officer, withToken(officer, "purpose", "LOCAL_COMMUNICATION",
                "scopeType", "LOCAL", "scopeId", "L083", "audience", "MEMBERS", "channel", "EMAIL"));
        assertThat(noFields.statusCode()).isEqualTo(400);
        assertThat(noFields.body()).contains("href=\"#fields\"").contains("Choose at least one piece of information");
        assertThat(count("SELECT count(*) FROM list_requests")).isEqualTo(requests);

        long id = send(officer, "L083");
        Session president = signIn("president83");
        HttpResponse<String> longNote = post("/approvals/" + id, president, withToken(president, "approve", "true",
                "note", "x".repeat(1001)));
        assertThat(longNote.statusCode()).isEqualTo(400);
        assertThat(longNote.body()).contains("href=\"#note-" + id + "\"").contains("Write a note of at most 1,000 characters");
        assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
        HttpResponse<String> noChoice = post("/approvals/" + id, president, withToken(president, "note", "hmm"));
        assertThat(noChoice.statusCode()).isEqualTo(400);
        assertThat(noChoice.body()).contains("href=\"#approve-" + id + "\"");

        HttpResponse<String> pending = post("/requests/" + id + "/exports", officer, withToken(officer, "encryption", "PASSPHRASE"));
        assertThat(pending.statusCode()).as("not approved yet").isEqualTo(409);
        assertThat(pending.body()).contains("href=\"#encryption\"").contains("the request is not approved");
        post("/approvals/" + id, president, withToken(president, "approve", "true"));
        HttpResponse<String> noKey = post("/requests/" + id + "/exports", officer, withToken(officer, "encryption", "RECIPIENT_KEY"));
        assertThat(noKey.statusCode()).isEqualTo(409);
        assertThat(noKey.body()).contains("You have no OpenPGP key registered");
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ?", id)).isZero();
    }

    /** The field checkboxes a page shows (not hidden), in order. */
    static List<String> shownFields(String html) {
        Matcher shown = Pattern.compile(
                "<div class=\"govuk-checkboxes__item\" data-allowed=\"[^\"]*\">\\s*<input[^>]*name=\"fields\"[^>]*value=\"([^\"]+)\"")
                .matcher(html);
        List<String> fields = new ArrayList<>();
        while (shown.find()) {
            fields.add(shown.group(1));
        }
        return fields;
    }

    @Test
    void theFormOffersOnlyThePersonsScopesAndTheFieldsItsPurposeAndChannelAllow() {
        Session officer = signIn("officer83");
        String blank = get("/requests/new", officer).body();
        // Their one local, not a choice; not every local for lists the policy would refuse there.
        assertThat(blank).contains("id=\"only-scope\"").contains("L083").doesNotContain("L084");
        // AP&P IV §6: any officer may have the worksite leaders' statewide master list, offered once chosen.
        String worksite = post("/requests/new/fields", officer, withToken(officer, "purpose", "WORKSITE_LEADERS",
                "channel", "EMAIL")).body();
        assertThat(worksite).contains("value=\"STATEWIDE\"").doesNotContain("<option value=\"L084\"");
        assertThat(shownFields(blank)).as("no fields before a purpose and a channel").isEmpty();
        long audited = count("SELECT count(*) FROM audit_entries");
        // Leaders' contacts have no PHONE channel any more (confidentiality §6: never a personal mobile number).
        HttpResponse<String> phone = post("/requests/new/fields", officer, withToken(officer, "purpose", "LEADERSHIP_CONTACTS",
                "channel", "EMAIL", "fields", "home_street"));
        assertThat(phone.statusCode()).isEqualTo(200);
        assertThat(shownFields(phone.body())).as("fields.yml for LEADERSHIP_CONTACTS by email, and what was already checked")
                .containsExactly("first_name", "last_name", "local_id", "worksite", "home_street", "work_email");
        assertThat(phone.body()).contains("Not allowed for this purpose and way of contact");
        HttpResponse<String> banned = post("/requests/new/fields", officer, withToken(officer, "purpose", "OFFICER_ELECTION",
                "channel", "EMAIL"));
        assertThat(shownFields(banned.body())).isEmpty();
        assertThat(banned.body()).contains("gives no member information for this purpose");
        assertThat(count("SELECT count(*) FROM audit_entries")).as("showing the fields decides nothing").isEqualTo(audited);
        assertThat(post("/requests/new/fields", officer, "purpose", "LOCAL_COMMUNICATION").statusCode()).as("no token")
                .isEqualTo(403);

        Session director = signIn("director9");
        String all = get("/requests/new", director).body();
        assertThat(all).as("statewide: every local, and the whole union").contains("<option value=\"L083\"")
                .contains("<option value=\"L084\"").contains("value=\"STATEWIDE\"");
    }

    @Test
    void campaignOutreachNamesACampaignFromTheListAndOnlyThatPurposeDoes() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        long campaign = UnionFixture.in(superuser).campaign("president83", CampaignKind.CAPE, ScopeType.LOCAL, "L083",
                today.minusDays(1), today.plusDays(30));
        Session officer = signIn("officer83");
        assertThat(get("/requests/new", officer).body()).contains("<option value=\"" + campaign + "\"");
        String[] outreach = requestForm("L083");
        outreach[1] = "CAMPAIGN_OUTREACH";
        outreach[3] = Long.toString(campaign);
        long id = send(officer, outreach);
        assertThat(TestDatabases.one(superuser, "SELECT campaign_id FROM list_requests WHERE id = " + id, Long.class))
                .isEqualTo(campaign);
        String[] local = requestForm("L083");
        local[3] = Long.toString(campaign);
        long plain = send(officer, local);
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM list_requests WHERE campaign_id IS NULL AND id = " + plain,
                Long.class)).as("a campaign left chosen is not sent with another purpose").isEqualTo(1);
    }

    @Test
    void anApprovalDoesNotOutliveTheRequestersRoleAndThePageSaysWhy() {
        Session leaver = signIn("leaver84");
        long id = send(leaver, "L084");
        Session president = signIn("president84");
        post("/approvals/" + id, president, withToken(president, "approve", "true"));
        assertThat(status(id)).isEqualTo("APPROVED");
        // The role taken away as the directory does it: the security stamp moves, so sessions end.
        superuser.useHandle(h -> {
            h.execute("DELETE FROM role_grants WHERE role = 'LOCAL_OFFICER' AND person_id = (SELECT id FROM people WHERE username = 'leaver84')");
            h.execute("UPDATE people SET security_stamp = security_stamp + 1 WHERE username = 'leaver84'");
        });
        Session again = signIn("leaver84");
        HttpResponse<String> refused = post("/requests/" + id + "/exports", again, withToken(again, "encryption", "PASSPHRASE"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Today’s policy no longer allows this list").contains("Nothing was built");
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ?", id)).isZero();
    }

    @Test
    void someoneWhoHasNotSignedTheAgreementIsToldSoAndWhereToSign() {
        Session newcomer = signIn("newcomer83");
        HttpResponse<String> checked = post("/requests/check", newcomer, withToken(newcomer, requestForm("L083")));
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("The policy does not allow this request")
                .contains("You must sign the current confidentiality agreement").contains("confidentiality §10")
                .contains(">Read and sign the confidentiality agreement</a>");
        HttpResponse<String> sent = post("/requests/new", newcomer, withToken(newcomer, requestForm("L083")));
        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(sent.body()).contains("Your request was not allowed").contains(">Read and sign the confidentiality agreement</a>");
    }

    @Test
    void aPersonRegistersTheirKeyOnTheRequestAndGpgOpensTheListWithIt() throws IOException {
        Session president = signIn("president83");
        long id = send(president, "L083");
        assertThat(get("/requests/" + id, president).body()).contains("action=\"/requests/" + id + "/openpgp-key\"");
        String fingerprint = gpg.generateKey("President 83 <president83@example.org>", "future-default", "default", "never");

        HttpResponse<String> secret = post("/requests/" + id + "/openpgp-key", president, withToken(president,
                "openpgpKey", gpg.exportSecretKey(fingerprint)));
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(secret.body()).contains("href=\"#openpgpKey\"").contains("That is a private key: it was not kept")
                .doesNotContain("PRIVATE KEY BLOCK");
        assertThat(post("/requests/" + id + "/openpgp-key", president, "openpgpKey", gpg.exportPublicKey(fingerprint))
                .statusCode()).as("not without the token").isEqualTo(403);
        HttpResponse<String> registered = post("/requests/" + id + "/openpgp-key", president, withToken(president,
                "openpgpKey", gpg.exportPublicKey(fingerprint)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(303);
        String page = get("/requests/" + id, president).body();
        assertThat(page).contains(fingerprint).doesNotContain("action=\"/requests/" + id + "/openpgp-key\"");

        assertThat(post("/requests/" + id + "/exports", president, withToken(president, "encryption", "RECIPIENT_KEY"))
                .statusCode()).isEqualTo(303);
        waitFor("the export to be built", () -> get("/requests/" + id, president).body().contains("/download\""));
        String export = TestDatabases.one(superuser, "SELECT id::text FROM exports WHERE request_id = " + id, String.class);
        HttpResponse<byte[]> file = send(posting("/requests/" + id + "/exports/" + export + "/download", president,
                withToken(president)), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        GnuPg.Result decrypted = gpg.run(file.body(), "--status-fd", "2", "--decrypt");
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(decrypted.statusHas("GOODSIG")).as("signed by the gateway").isTrue();
        assertThat(decrypted.stdout().lines().findFirst()).hasValue("first_name,last_name,home_email");
    }

    @Test
    void aVendorExtractIsApprovedAndBuiltOnThePagesToTheVendorsKeyAndNotDownloadedByStaff() {
        ApiClient api = new ApiClient(APP.getLocalPort());
        String fingerprint = gpg.generateKey("Capitol Mailing <pgp@capitol-mailing.example>", "future-default", "default", "2y");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        List<String> fields = List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
        HttpResponse<String> vendor = api.postJson("/api/v1/vendors", basic("admin", ADMIN_PASSWORD), java.util.Map.of(
                "name", "Capitol Mailing", "service", "MAIL_HOUSE", "allowedFields", fields,
                "validFrom", today.minusDays(1).toString(), "validUntil", today.plusYears(1).toString(),
                "openpgpPublicKey", gpg.exportPublicKey(fingerprint)));
        assertThat(vendor.statusCode()).as(vendor.body()).isEqualTo(201);
        HttpResponse<String> extract = api.postJson("/api/v1/vendors/" + ApiClient.json(vendor).path("id").asLong()
                + "/extracts", basic("staff9", "staff9-password"), java.util.Map.of(
                "scope", java.util.Map.of("type", "LOCAL", "id", "L083"), "audience", "REPRESENTED_WORKERS", "fields", fields));
        assertThat(extract.statusCode()).as(extract.body()).isEqualTo(202);
        long id = ApiClient.json(extract).path("id").asLong();

        Session director = signIn("director9");
        assertThat(get("/approvals", director).body()).contains("action=\"/approvals/" + id + "\"")
                .contains("An extract for a service vendor");
        assertThat(post("/approvals/" + id, director, withToken(director, "approve", "true")).statusCode()).isEqualTo(303);

        Session staff = signIn("staff9");
        String page = get("/requests/" + id, staff).body();
        assertThat(page).contains("This is a vendor extract").contains("To the vendor’s key named in its agreement")
                .doesNotContain("value=\"PASSPHRASE\"").doesNotContain("openpgp-key\"");
        assertThat(post("/requests/" + id + "/exports", staff, withToken(staff, "encryption", "RECIPIENT_KEY")).statusCode())
                .isEqualTo(303);
        waitFor("the extract to be built", () -> get("/requests/" + id, staff).body().contains("Ready for the vendor to fetch"));
        assertThat(get("/requests/" + id, staff).body()).as("the vendor fetches it, not staff").doesNotContain("/download\"");
        String export = TestDatabases.one(superuser, "SELECT id::text FROM exports WHERE request_id = " + id, String.class);
        assertThat(post("/requests/" + id + "/exports/" + export + "/download", staff, withToken(staff)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void sendingTheBuildFormAgainShowsTheListItBuiltInsteadOfBuildingAnother() {
        Session president = signIn("president84");
        long id = send(president, "L084");
        String page = get("/requests/" + id, president).body();
        String builtBefore = hidden(page, "builtBefore");
        assertThat(builtBefore).isEqualTo("0");
        HttpResponse<String> first = post("/requests/" + id + "/exports", president, withToken(president,
                "encryption", "PASSPHRASE", "builtBefore", builtBefore));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("id=\"passphrase\"");
        HttpResponse<String> again = post("/requests/" + id + "/exports", president, withToken(president,
                "encryption", "PASSPHRASE", "builtBefore", builtBefore));
        assertThat(again.statusCode()).as("a reload of the passphrase page").isEqualTo(303);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/requests/" + id + "#exports");
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ?", id)).as("one list, not two").isEqualTo(1);
        assertThat(get("/requests/" + id, president).body()).as("one approval allows one export: no form to build another,"
                + " and the page says why (issue 15)").doesNotContain("action=\"/requests/" + id + "/exports\"")
                .contains("This approval’s uses are all made");
        assertThat(post("/requests/" + id + "/exports", president, withToken(president, "encryption", "PASSPHRASE",
                "builtBefore", "1")).body()).as("but one approval allows one export (issue 15)")
                .contains("Make a new request for another copy");

        // The requester attests the list's destruction from the request's page (issue 15 point 3).
        assertThat(get("/requests/" + id, president).body()).contains("action=\"/requests/" + id + "/destruction\"");
        HttpResponse<String> future = post("/requests/" + id + "/destruction", president, withToken(president,
                "destroyedOn", java.time.LocalDate.now().plusDays(3).toString(), "method", "Deleted it"));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("id=\"destroyedOn-error\"");
        assertThat(post("/requests/" + id + "/destruction", president, "destroyedOn", java.time.LocalDate.now().toString(),
                "method", "Deleted it").statusCode()).as("no CSRF token, nothing recorded").isEqualTo(403);
        HttpResponse<String> attested = post("/requests/" + id + "/destruction", president, withToken(president,
                "destroyedOn", java.time.LocalDate.now().toString(), "method", "Deleted it and emptied the trash"));
        assertThat(attested.statusCode()).isEqualTo(303);
        String shown = get("/requests/" + id, president).body();
        assertThat(shown).contains("You attested that the list was destroyed").contains("Deleted it and emptied the trash")
                .doesNotContain("action=\"/requests/" + id + "/destruction\"");
        assertThat(count("SELECT count(*) FROM list_destructions WHERE list_request_id = ?", id)).isEqualTo(1);
        Session other = signIn("president83");
        assertThat(post("/requests/" + id + "/exports", other, withToken(other, "encryption", "PASSPHRASE", "builtBefore",
                "5")).statusCode()).as("someone else's request: not found, whatever the count").isEqualTo(404);
    }

    @Test
    void anExportBeingBuiltShowsHowFarItHasGot() {
        Session president = signIn("president84");
        long id = send(president, "L084");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO exports (id, request_id, encryption, status, rows_written, created_by, created_at, expires_at,
                                     max_downloads)
                VALUES (gen_random_uuid(), ?, 'PASSPHRASE', 'BUILDING', 1234, 'president84', now() - interval '1234 seconds',
                        now() + interval '1 day', 3)""", id));
        String page = get("/requests/" + id, president).body();
        assertThat(page).contains("data-refresh-while-building").contains("Being built").contains("1,234 people written so far, 1 a second")
                .contains("Reload the page to see how far it has got").doesNotContain("/download\"");
        assertThat(get("/requests/" + id + "?lang=vi", president).body()).contains("Đã ghi 1.234 người, 1 người mỗi giây.");
    }

    @Test
    void campaignApprovalsShowForTheirApproverAndTheFormOffersOnlyApprovedCampaigns() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        ApiClient api = new ApiClient(APP.getLocalPort());
        HttpResponse<String> entered = api.postJson("/api/v1/campaigns", basic("staff9", "staff9-password"), java.util.Map.of(
                "name", "Organizing L083", "kind", "ORGANIZING", "scopeType", "LOCAL", "scopeId", "L083",
                "startsOn", today.toString(), "endsOn", today.plusDays(20).toString()));
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
        long id = ApiClient.json(entered).path("id").asLong();
        String action = "action=\"/approvals/campaigns/" + id + "\"";
        Session officer = signIn("officer83");
        assertThat(get("/requests/new", officer).body()).as("pending: not offered").doesNotContain("<option value=\"" + id + "\"");
        Session other = signIn("president84");
        assertThat(get("/approvals", other).body()).doesNotContain(action);
        Session president = signIn("president83");
        String page = get("/approvals", president).body();
        assertThat(page).contains(action).contains("Organizing L083").contains("name=\"approve\" value=\"false\"");

        assertThat(post("/approvals/campaigns/" + id, president, "approve", "true").statusCode()).as("no csrf").isEqualTo(403);
        assertThat(post("/approvals/campaigns/" + id, other, withToken(other, "approve", "true")).statusCode())
                .as("another local's president").isEqualTo(403);
        assertThat(TestDatabases.one(superuser, "SELECT status FROM campaigns WHERE id = " + id, String.class))
                .isEqualTo("PENDING_APPROVAL");
        HttpResponse<String> approved = post("/approvals/campaigns/" + id, president,
                withToken(president, "approve", "true", "note", "for the organizing drive"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
        String location = approved.headers().firstValue("Location").orElseThrow();
        assertThat(get(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery(), president).body())
                .contains("Campaign " + id + " is now: ACTIVE").doesNotContain(action);
        assertThat(TestDatabases.one(superuser, "SELECT approval_note FROM campaigns WHERE id = " + id, String.class))
                .isEqualTo("for the organizing drive");
        assertThat(get("/requests/new", officer).body()).contains("<option value=\"" + id + "\"");
        assertThat(get("/approvals?lang=vi", president).body()).doesNotContain(action);
    }
}
