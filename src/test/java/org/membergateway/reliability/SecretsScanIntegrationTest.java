package org.membergateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.auth.ServerSecret;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.members.MemberCsv;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.LogCapture;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;

/**
 * The secrets scan: one whole working day over real HTTP (members imported, a rejected file, people
 * created and signing the agreement, a request asked and approved, exports under a passphrase and
 * to a key and downloaded, a vendor's extract approved, built and pulled, a leak trace, sign-ins
 * with wrong passwords and forged API keys, a page sign-in), with every log event, the request log,
 * the audit trail's JSON-lines file and every row of audit_entries captured; none of them may hold a
 * member's email address, phone number or birth date, nor any password, API key, passphrase, session
 * token or server secret that passed through.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretsScanIntegrationTest {

    static final String ADMIN_PASSWORD = "Scan-admin-Pw-7f3a9c";
    static final int MEMBERS = 12;
    static final List<String> MAIL_FIELDS = List.of("first_name", "last_name", "home_street", "home_city", "home_state",
            "home_zip");
    static final Path REQUEST_LOG = Path.of(GatewayTestApp.tempDir("scan-requests")).resolve("requests.log");

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()),
            ConfigOverride.config("server.requestLog.appenders[0].archive", "false"),
            ConfigOverride.config("exports.sweepEvery", "1h"),
            // The day's work builds one request's list twice, once per encryption.
            ConfigOverride.config("exports.exportsPerApproval", "2"));

    /** Every secret and every piece of member data the flow handles; none may be found anywhere. */
    static final Set<String> SECRETS = new LinkedHashSet<>();
    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;
    static LogCapture logs;

    @BeforeAll
    static void setUp() {
        logs = LogCapture.attach();
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        gpg = GnuPg.inTemporaryHome();
        SECRETS.add(ADMIN_PASSWORD);
        SECRETS.add(System.getenv("GATEWAY_OPENPGP_PASSPHRASE"));
    }

    @AfterAll
    static void tearDown() {
        if (logs != null) {
            logs.close();
        }
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void aWholeDaysWorkLeavesNoMemberDataNorAnySecretInLogsOrAuditTrail() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);

        // Members arrive by CSV; a second file with a bad birth date is rejected whole.
        StringBuilder csv = new StringBuilder(String.join(",", MemberCsv.COLUMNS)).append('\n');
        for (int i = 1; i <= MEMBERS; i++) {
            String email = "lan.pham" + i + "@dot.example.org";
            String work = "lpham" + i + "@work.example.net";
            String home = "(971) 555-01" + String.format("%02d", i);
            String mobile = "503-555-77" + String.format("%02d", i);
            String birth = "1961-03-" + String.format("%02d", i);
            csv.append(String.join(",", "S" + i, "Lan" + i, "Pham", "L083", "R2", "STATE_AGENCIES",
                    "Oregon Department of Transportation", "ODOT Salem", "Transportation Maintenance Specialist 2",
                    "MEMBER", "false", i + " Oak Ave", "Salem", "OR", "97301", home, mobile, email, work, birth,
                    "Vietnamese", "false", "false")).append('\n');
            SECRETS.addAll(List.of(email, work, home, home.replaceAll("[^0-9]", ""), mobile,
                    mobile.replaceAll("[^0-9]", ""), birth));
        }
        HttpResponse<String> imported = api.post("/api/v1/members/import", admin, "text/csv", csv.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        String badEmail = "rejected.member@dot.example.org";
        String badPhone = "(541) 555-0199";
        SECRETS.addAll(List.of(badEmail, badPhone, "5415550199", "1958-02-30"));
        HttpResponse<String> rejected = api.post("/api/v1/members/import", admin, "text/csv",
                String.join(",", MemberCsv.COLUMNS) + "\n" + String.join(",", "S99", "Bad", "Row", "L083", "R2",
                        "STATE_AGENCIES", "ODOT", "ODOT Salem", "Clerk", "MEMBER", "false", "1 Elm St", "Salem", "OR",
                        "97301", badPhone, "", badEmail, "", "1958-02-30", "English", "false", "false") + "\n");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);

        // People, each signing the confidentiality agreement.
        String officer = person(admin, "officer83", "LOCAL_OFFICER", "L083");
        String president = person(admin, "president83", "LOCAL_PRESIDENT", "L083");
        String staff = person(admin, "staff83", "STAFF", null);
        String director = person(admin, "director83", "EXECUTIVE_DIRECTOR", null);
        String auditor = person(admin, "auditor83", "AUDITOR", null);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, officer, "Test officer83");
        TestPeople.acknowledgeEverything(api, acknowledgements, president, "Test president83");
        TestPeople.acknowledgeEverything(api, acknowledgements, staff, "Test staff83");
        TestPeople.acknowledgeEverything(api, acknowledgements, director, "Test director83");

        // The officer's own key for a recipient-key export.
        gpg.importKey(api.get("/api/v1/keys/openpgp", null).body());
        String officerKey = gpg.generateKey("Officer 83 <officer83@example.org>", "future-default", "default", "never");
        assertThat(api.put("/api/v1/people/officer83/openpgp-key", officer, "application/pgp-keys",
                gpg.exportPublicKey(officerKey)).statusCode()).isEqualTo(204);

        // The officer asks, the president approves, the officer exports both ways and downloads.
        Map<String, Object> ask = new LinkedHashMap<>();
        ask.put("purpose", "LOCAL_COMMUNICATION");
        ask.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        ask.put("audience", "MEMBERS");
        ask.put("channel", "EMAIL");
        ask.put("fields", List.of("first_name", "last_name", "home_email"));
        ask.put("justification", "Bargaining update to our local");
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", officer, ask);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        long requestId = json(asked).path("id").asLong();
        HttpResponse<String> approved = api.postJson("/api/v1/list-requests/" + requestId + "/approval", president,
                Map.of("approve", true, "note", "Fine for the bargaining update"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        JsonNode byPassphrase = export(officer, requestId, "PASSPHRASE");
        String passphrase = byPassphrase.path("passphrase").asText();
        assertThat(passphrase).hasSizeGreaterThan(20);
        SECRETS.add(passphrase);
        byte[] passphraseMessage = download(officer, byPassphrase);
        GnuPg.Result opened = gpg.run(passphrase.getBytes(StandardCharsets.UTF_8), "--pinentry-mode", "loopback",
                "--passphrase-fd", "0", "--decrypt", file(passphraseMessage).toString());
        assertThat(opened.exitCode()).as(opened.stderr()).isZero();
        assertThat(opened.stdout()).contains("lan.pham1@dot.example.org");
        JsonNode byKey = export(officer, requestId, "RECIPIENT_KEY");
        GnuPg.Result decrypted = gpg.run(download(officer, byKey), "--decrypt");
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(decrypted.stdout()).contains("lan.pham3@dot.example.org");

        // A vendor: created with its pinned key and an API key, an extract approved, built and pulled.
        String vendorKey = gpg.generateKey("Capitol Mailing <pgp@capitol-mailing.example>", "future-default", "default", "2y");
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("name", "Capitol Mailing Services");
        vendor.put("service", "MAIL_HOUSE");
        vendor.put("allowedFields", MAIL_FIELDS);
        vendor.put("validFrom", today.minusDays(1).toString());
        vendor.put("validUntil", today.plusYears(1).toString());
        vendor.put("openpgpPublicKey", gpg.exportPublicKey(vendorKey));
        HttpResponse<String> createdVendor = api.postJson("/api/v1/vendors", admin, vendor);
        assertThat(createdVendor.statusCode()).as(createdVendor.body()).isEqualTo(201);
        long vendorId = json(createdVendor).path("id").asLong();
        String apiKey = json(createdVendor).path("apiKey").asText();
        SECRETS.add(apiKey);
        HttpResponse<String> extract = api.postJson("/api/v1/vendors/" + vendorId + "/extracts", staff, Map.of(
                "scope", Map.of("type", "LOCAL", "id", "L083"), "audience", "REPRESENTED_WORKERS", "fields", MAIL_FIELDS));
        assertThat(extract.statusCode()).as(extract.body()).isEqualTo(202);
        long extractId = json(extract).path("id").asLong();
        assertThat(api.postJson("/api/v1/list-requests/" + extractId + "/approval", director,
                Map.of("approve", true, "note", "Mailing for the bargaining survey")).statusCode()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/list-requests/" + extractId + "/exports", staff,
                Map.of("encryption", "RECIPIENT_KEY")).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> pulled = api.getBytes("/api/v1/vendor/extracts/" + extractId + "/content", bearer(apiKey));
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(gpg.run(pulled.body(), "--decrypt").stdout()).contains("1 Oak Ave");

        // An auditor traces leaked addresses (real members' among them) and checks the trail.
        HttpResponse<String> traced = api.postJson("/api/v1/exports/trace", auditor,
                Map.of("values", List.of("lan.pham2@dot.example.org", "(971) 555-0103")));
        assertThat(traced.statusCode()).as(traced.body()).isEqualTo(200);
        assertThat(json(api.get("/api/v1/audit/verification", auditor)).path("valid").asBoolean()).isTrue();

        // Attacks: wrong passwords (for a real and an unknown username), forged and altered API keys.
        List<String> wrongPasswords = List.of("Wrong-officer-Pw-1", "Wrong-officer-Pw-2", "Guess-for-nobody-9");
        SECRETS.addAll(wrongPasswords);
        assertThat(api.get("/api/v1/me", basic("officer83", wrongPasswords.get(0))).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", basic("officer83", wrongPasswords.get(1))).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", basic("nobody-here", wrongPasswords.get(2))).statusCode()).isEqualTo(401);
        String forged = "mgw_" + "A".repeat(43);
        String altered = apiKey.substring(0, apiKey.length() - 1) + (apiKey.endsWith("x") ? "y" : "x");
        String garbage = "not-a-key-" + "Zq9".repeat(10);
        SECRETS.addAll(List.of(forged, altered, garbage));
        for (String key : List.of(forged, altered, garbage)) {
            assertThat(api.get("/api/v1/vendor/me", bearer(key)).statusCode()).isEqualTo(401);
        }

        // A page sign-in: one wrong password through the form, then a right one, whose session token is secret too.
        Path dataDir = Path.of(APP.getConfiguration().getDataDir());
        SECRETS.add(Files.readString(dataDir.resolve("keys").resolve(ServerSecret.FILE_NAME)).strip());
        String wrongForm = "Wrong-form-Pw-3";
        SECRETS.add(wrongForm);
        assertThat(formSignIn("president83", wrongForm).statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn = formSignIn("president83", "president83-Pw-x7k2");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        SECRETS.add(cookie(signedIn, "mg_session"));

        SECRETS.remove(null);
        // Audit entries are committed before their requests are answered; the request log and the
        // trail's log file are written by asynchronous appenders, so wait for the last answer's line.
        assertThat(awaitLine(REQUEST_LOG, "\"POST /login\" 303")).isTrue();
        Path trailFile = dataDir.resolve("audit").resolve("audit-trail.jsonl");
        long entries = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries").mapTo(Long.class).one());
        assertThat(entries).isGreaterThan(30);

        List<String> auditRows = superuser.withHandle(h -> h.createQuery(
                "SELECT row_to_json(a)::text FROM audit_entries a ORDER BY seq").mapTo(String.class).list());
        List<String> everywhere = new ArrayList<>();
        everywhere.addAll(logs.lines());
        everywhere.addAll(Files.readAllLines(REQUEST_LOG));
        everywhere.addAll(Files.exists(trailFile) ? Files.readAllLines(trailFile) : List.of());
        everywhere.addAll(auditRows);
        assertThat(logs.lines()).as("the capture saw the flow").isNotEmpty();
        assertThat(auditRows).hasSize((int) entries);
        assertThat(leaks(opened.stdout().lines().toList())).as("the scan finds member data where it is").isNotEmpty();
        List<String> found = leaks(everywhere);
        assertThat(found).as("member data or secrets in %d log lines and %d audit entries", everywhere.size() - auditRows.size(),
                auditRows.size()).isEmpty();
    }

    static List<String> leaks(List<String> lines) {
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            for (String secret : SECRETS) {
                if (lower.contains(secret.toLowerCase(Locale.ROOT))) {
                    found.add(secret + " in: " + line);
                }
            }
        }
        return found;
    }

    static String person(String admin, String username, String role, String local) {
        String password = username + "-Pw-x7k2";
        SECRETS.add(password);
        TestPeople.create(api, admin, username, "Test " + username, password, role, local);
        return basic(username, password);
    }

    static JsonNode export(String who, long requestId, String encryption) {
        HttpResponse<String> created = api.postJson("/api/v1/list-requests/" + requestId + "/exports", who,
                Map.of("encryption", encryption));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    static byte[] download(String who, JsonNode export) {
        HttpResponse<byte[]> downloaded = api.getBytes("/api/v1/exports/" + export.path("id").asText(), who);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        return downloaded.body();
    }

    static Path file(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(gpg.home(), "export", ".gpg");
        Files.write(file, bytes);
        return file;
    }

    /** The sign-in form as a browser posts it: its login cookie and the same token in the form. */
    static HttpResponse<String> formSignIn(String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + APP.getLocalPort();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + URLEncoder.encode(csrf.group(1),
                StandardCharsets.UTF_8) + "&next=%2F";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "mg_login=" + cookie(form, "mg_login"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(HttpResponse<?> response, String name) {
        String set = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
        return set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    }

    /** Waits (bounded) for an asynchronously written log line to reach its file. */
    static boolean awaitLine(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try (Stream<String> lines = Files.lines(file)) {
                    if (lines.anyMatch(line -> line.contains(text))) {
                        return true;
                    }
                }
            }
            Thread.sleep(20);
        }
        return false;
    }
}
