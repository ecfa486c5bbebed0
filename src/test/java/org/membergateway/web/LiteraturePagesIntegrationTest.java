package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * {@code /elections/{id}/mailings/new} and {@code /elections/{id}/notices/new} over raw HTTP with
 * sessions signed in through the form, multipart bodies as a browser sends them: the upload's
 * SHA-256 worked out by the gateway, the quote equal to the API's dry run and the same for two
 * candidates, the submit storing exactly one pending mailing with that hash, and every refusal
 * (not a candidate, no email vendor, outside the electorate, too large, no csrf) on its field with
 * nothing stored. No page ever shows a member of the fixture.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LiteraturePagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-literature-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static ApiClient api;
    static AckPeopleHttp http;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        http = new AckPeopleHttp(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L085", "R3", "STATE_AGENCIES")
                .local("L090", "R5", "STATE_AGENCIES");
        // 40 members of L083 with a home address, 10 of L085 with one, 5 of L085 without: post reaches 50 of R3.
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip, home_email)
                SELECT 'LIT' || lpad(i::text, 3, '0'), 'Litfirst' || i, 'Litlast' || lpad(i::text, 3, '0'),
                       CASE WHEN i <= 40 THEN 'L083' ELSE 'L085' END, 'R3', 'STATE_AGENCIES', 'MEMBER',
                       CASE WHEN i <= 50 THEN i || ' Juniper Ave' END, 'Salem', 'OR', '97301', 'lit' || i || '@example.org'
                FROM generate_series(1, 55) AS i"""));
        LocalDate today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        TestElections.insert(superuser, "E-LIT", Office.BOARD_SEAT, ScopeType.REGION, "R3", today.plusDays(20), null,
                today.plusDays(40), TestElections.placeholderVendor(superuser, "Literature mail house"), null);
        TestPeople.create(api, ADMIN, "litcand1", "Literature Candidate One", "lit-candidate-one-password", "MEMBER", "L083");
        TestPeople.create(api, ADMIN, "litcand2", "Literature Candidate Two", "lit-candidate-two-password", "MEMBER", "L085");
        TestPeople.create(api, ADMIN, "litmember", "Literature Member", "lit-member-password", "MEMBER", "L083");
        TestPeople.create(api, ADMIN, "litstaff", "Literature Staff", "lit-staff-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "litauditor", "Literature Auditor", "lit-auditor-password", "AUDITOR", null);
        for (String candidate : List.of("litcand1", "litcand2")) {
            HttpResponse<String> declared = api.postJson("/api/v1/people/" + candidate + "/candidacies", ADMIN, Map.of(
                    "office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R3", "electionId", "E-LIT"));
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        }
    }

    // ---- multipart as a browser sends it --------------------------------------------------------

    /** One field or file of a multipart body, in the order given. */
    record Part(String name, String filename, byte[] content) {
        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String name, String filename, byte[] content) {
            return new Part(name, filename, content);
        }
    }

    static final String BOUNDARY = "----LiteratureBoundary7MA4YWxkTrZu0gW";

    static byte[] multipart(List<Part> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"\r\nContent-Type: application/pdf")
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    static HttpResponse<String> postMultipart(String path, String session, List<Part> parts) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .header("Cookie", session).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(parts))).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The fields of the mailing form, csrf first as the page puts it, the file last. */
    static List<Part> mailingForm(String csrf, String channel, String scopeType, String scopeId, String title,
                                  byte[] file, String typedHash) {
        List<Part> parts = new ArrayList<>();
        if (csrf != null) {
            parts.add(Part.field("csrf", csrf));
        }
        parts.add(Part.field("channel", channel));
        parts.add(Part.field("scope", scopeId == null ? "all" : "part"));
        parts.add(Part.field("scopeType", scopeType == null ? "LOCAL" : scopeType));
        parts.add(Part.field("scopeId", scopeId == null ? "" : scopeId));
        parts.add(Part.field("title", title));
        parts.add(Part.file("literature", file == null ? "" : "leaflet.pdf", file == null ? new byte[0] : file));
        parts.add(Part.field("literatureSha256", typedHash == null ? "" : typedHash));
        return parts;
    }

    /**
     * Bytes of a pretend leaflet that also hold the opening of the body's own delimiter, a CR LF and
     * a dash or two in odd places: a file that a careless parser would cut short.
     */
    static byte[] leaflet(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] tricky = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 3)).getBytes(StandardCharsets.US_ASCII);
        for (int at = 1000; at + tricky.length < size; at += 50_000) {
            System.arraycopy(tricky, 0, bytes, at, tricky.length);
        }
        bytes[size - 1] = '\r';
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String dd(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(.*?)</dd>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("summary value " + id).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").strip();
    }

    static long mailings(String username) {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM election_mailings WHERE requested_by = :u")
                .bind("u", username).mapTo(Long.class).one());
    }

    /** Nothing of the fixture's members: names, streets, emails. */
    static void noMemberData(String html) {
        assertThat(html).doesNotContain("Litfirst").doesNotContain("Litlast").doesNotContain("Juniper")
                .doesNotContain("@example.org");
    }

    static String csrfOf(String session, String path) {
        HttpResponse<String> page = http.get(path, session);
        return AckPeopleHttp.hidden(page.body(), "csrf");
    }

    // ---- the tests ------------------------------------------------------------------------------

    @Test
    void aCandidateUploadsTheLeafletGetsTheApisQuoteAndSubmitsExactlyOnePendingMailingWithItsHash() throws Exception {
        String session = http.signIn("litcand1", "lit-candidate-one-password");
        HttpResponse<String> form = http.get("/elections/E-LIT/mailings/new", session);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(form.body()).contains("enctype=\"multipart/form-data\"").contains("type=\"file\"")
                .contains("name=\"literature\"").contains("Get a quote").contains("value=\"MAIL\"")
                .doesNotContain("value=\"EMAIL\"");
        // The token is the form's first field, so it arrives before the file.
        assertThat(form.body().indexOf("name=\"csrf\"", form.body().indexOf("enctype")))
                .isLessThan(form.body().indexOf("name=\"channel\""));
        noMemberData(form.body());

        byte[] file = leaflet(300_000, 16);
        String hash = sha256(file);
        HttpResponse<String> quote = postMultipart("/elections/E-LIT/mailings/new", session,
                mailingForm(AckPeopleHttp.hidden(form.body(), "csrf"), "MAIL", null, null, "Why I am running", file, null));
        assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
        HttpResponse<String> apiQuote = api.postJson("/api/v1/elections/E-LIT/mailings?dryRun=true",
                basic("litcand1", "lit-candidate-one-password"), Map.of("channel", "MAIL", "title", "Why I am running",
                        "literatureSha256", hash));
        assertThat(apiQuote.statusCode()).as(apiQuote.body()).isEqualTo(200);
        JsonNode expected = ApiClient.json(apiQuote);
        assertThat(expected.get("pieces").asLong()).isEqualTo(50);
        assertThat(dd(quote.body(), "quote-pieces")).isEqualTo(expected.get("pieces").asText());
        assertThat(dd(quote.body(), "quote-cost")).isEqualTo(String.format("$%d.%02d",
                expected.get("costCents").asLong() / 100, expected.get("costCents").asLong() % 100)).isEqualTo("$31.00");
        assertThat(dd(quote.body(), "quote-rate")).isEqualTo("$0.62");
        assertThat(dd(quote.body(), "quote-payment")).isEqualTo("paid after delivery");
        assertThat(dd(quote.body(), "quote-lead")).contains("7 days");
        assertThat(dd(quote.body(), "quote-sha256")).isEqualTo(hash);
        assertThat(dd(quote.body(), "quote-title")).isEqualTo("Why I am running");
        assertThat(quote.body()).contains("29 CFR 452.67–452.69").contains("Submit this mailing");
        noMemberData(quote.body());
        assertThat(mailings("litcand1")).as("a quote stores nothing").isZero();

        // Submitting posts the quoted fields with the hash, not the file.
        String submitted = AckPeopleHttp.form("csrf", AckPeopleHttp.hidden(quote.body(), "csrf"),
                "channel", AckPeopleHttp.hidden(quote.body(), "channel"), "scope", AckPeopleHttp.hidden(quote.body(), "scope"),
                "scopeType", AckPeopleHttp.hidden(quote.body(), "scopeType"),
                "scopeId", AckPeopleHttp.hidden(quote.body(), "scopeId"), "title", AckPeopleHttp.hidden(quote.body(), "title"),
                "literatureSha256", AckPeopleHttp.hidden(quote.body(), "literatureSha256"));
        HttpResponse<String> created = http.post("/elections/E-LIT/mailings", session, submitted);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        List<Map<String, Object>> rows = superuser.withHandle(h -> h.createQuery("""
                SELECT id, kind, status, literature_sha256, pieces, cost_cents, scope_type, scope_id
                FROM election_mailings WHERE requested_by = 'litcand1'""").mapToMap().list());
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("kind", "CANDIDATE_LITERATURE").containsEntry("status", "PENDING_APPROVAL")
                .containsEntry("literature_sha256", hash).containsEntry("pieces", 50L).containsEntry("cost_cents", 3100L)
                .containsEntry("scope_type", "REGION").containsEntry("scope_id", "R3");
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/elections/E-LIT?mailing=" + row.get("id"));
        // The committee's ledger shows it as the API stored it.
        JsonNode ledger = ApiClient.json(api.get("/api/v1/elections/E-LIT/mailings", basic("litauditor", "lit-auditor-password")));
        assertThat(ledger.toString()).contains(hash);
    }

    @Test
    void twoCandidatesOfOneElectionAreQuotedTheSameRateAndTerms() {
        List<String> rates = new ArrayList<>();
        for (String[] who : List.of(new String[] {"litcand1", "lit-candidate-one-password"},
                new String[] {"litcand2", "lit-candidate-two-password"})) {
            String session = http.signIn(who[0], who[1]);
            HttpResponse<String> quote = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                    csrfOf(session, "/elections/E-LIT/mailings/new"), "MAIL", "LOCAL", "L083", "Vote " + who[0],
                    leaflet(5_000, who[0].hashCode()), null));
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
            assertThat(dd(quote.body(), "quote-pieces")).isEqualTo("40");
            assertThat(dd(quote.body(), "quote-scope")).isEqualTo("local L083");
            rates.add(dd(quote.body(), "quote-rate") + " | " + dd(quote.body(), "quote-cost") + " | "
                    + dd(quote.body(), "quote-payment") + " | " + dd(quote.body(), "quote-lead"));
            noMemberData(quote.body());
        }
        assertThat(rates.get(0)).isEqualTo(rates.get(1)).startsWith("$0.62 | $24.80 | paid after delivery");
    }

    @Test
    void someoneWhoIsNotACandidateIsToldSoWith403AndNothingIsStored() {
        String session = http.signIn("litmember", "lit-member-password");
        HttpResponse<String> form = http.get("/elections/E-LIT/mailings/new", session);
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.body()).contains("You are not a declared candidate of this election").doesNotContain("type=\"file\"");
        String csrf = AckPeopleHttp.hidden(form.body(), "csrf");
        HttpResponse<String> quote = postMultipart("/elections/E-LIT/mailings/new", session,
                mailingForm(csrf, "MAIL", null, null, "Not mine", leaflet(2_000, 1), null));
        assertThat(quote.statusCode()).isEqualTo(403);
        assertThat(quote.body()).contains("You are not a declared candidate of this election");
        HttpResponse<String> submit = http.post("/elections/E-LIT/mailings", session, AckPeopleHttp.form("csrf", csrf,
                "channel", "MAIL", "scope", "all", "title", "Not mine", "literatureSha256", "a".repeat(64)));
        assertThat(submit.statusCode()).isEqualTo(403);
        noMemberData(submit.body());
        assertThat(mailings("litmember")).isZero();
        assertThat(http.get("/elections/NO-SUCH-ELECTION/mailings/new", session).statusCode()).isEqualTo(404);
        // Staff pages are staff's.
        assertThat(http.get("/elections/E-LIT/notices/new", session).statusCode()).isEqualTo(403);
    }

    @Test
    void emailIsRefusedOnItsFieldWhenTheElectionHasNoEmailVendor() {
        String session = http.signIn("litcand2", "lit-candidate-two-password");
        HttpResponse<String> refused = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                csrfOf(session, "/elections/E-LIT/mailings/new"), "EMAIL", null, null, "By email", leaflet(1_000, 2), null));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("href=\"#channel\"").contains("id=\"channel-error\"")
                .contains("This election names no email vendor, so its literature can be sent by post only.")
                .contains("value=\"By email\"");
        noMemberData(refused.body());
    }

    @Test
    void aPartOutsideTheElectorateAndAWrongTypedHashAreRefusedOnTheirFields() {
        String session = http.signIn("litcand2", "lit-candidate-two-password");
        HttpResponse<String> outside = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                csrfOf(session, "/elections/E-LIT/mailings/new"), "MAIL", "LOCAL", "L090", "Elsewhere", leaflet(1_000, 3), null));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("id=\"scopeId-error\"")
                .contains("That part is not inside the electorate of this election (region R3).");
        HttpResponse<String> differs = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                csrfOf(session, "/elections/E-LIT/mailings/new"), "MAIL", null, null, "Mismatch", leaflet(1_000, 4),
                "b".repeat(64)));
        assertThat(differs.statusCode()).isEqualTo(400);
        assertThat(differs.body()).contains("id=\"literatureSha256-error\"");
        // A typed hash alone is enough.
        HttpResponse<String> typed = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                csrfOf(session, "/elections/E-LIT/mailings/new"), "MAIL", null, null, "Typed", null, "C".repeat(64)));
        assertThat(typed.statusCode()).as(typed.body()).isEqualTo(200);
        assertThat(dd(typed.body(), "quote-sha256")).isEqualTo("c".repeat(64));
        HttpResponse<String> nothing = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                csrfOf(session, "/elections/E-LIT/mailings/new"), "MAIL", null, null, "Nothing", null, null));
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("id=\"literature-error\"");
        assertThat(mailings("litcand2")).isZero();
    }

    @Test
    void aFileOverTheLimitIsRefusedOnTheFileField() {
        String session = http.signIn("litcand2", "lit-candidate-two-password");
        byte[] tooLarge = new byte[(int) LiteraturePages.MAX_FILE_BYTES + 1];
        HttpResponse<String> refused = postMultipart("/elections/E-LIT/mailings/new", session, mailingForm(
                csrfOf(session, "/elections/E-LIT/mailings/new"), "MAIL", null, null, "Huge", tooLarge, null));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"literature-error\"").contains("The file is larger than 20 MiB")
                .contains("value=\"Huge\"");
        assertThat(mailings("litcand2")).isZero();
    }

    @Test
    void aMultipartPostWithoutTheFormsTokenOrWithItAfterTheFileIs403AndChangesNothing() {
        String session = http.signIn("litcand2", "lit-candidate-two-password");
        HttpResponse<String> none = postMultipart("/elections/E-LIT/mailings/new", session,
                mailingForm(null, "MAIL", null, null, "Forged", leaflet(1_000, 5), null));
        assertThat(none.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = postMultipart("/elections/E-LIT/mailings/new", session,
                mailingForm("not-the-token", "MAIL", null, null, "Forged", leaflet(1_000, 5), null));
        assertThat(wrong.statusCode()).isEqualTo(403);
        List<Part> late = new ArrayList<>(mailingForm(null, "MAIL", null, null, "Forged", leaflet(1_000, 5), null));
        late.add(Part.field("csrf", csrfOf(session, "/elections/E-LIT/mailings/new")));
        assertThat(postMultipart("/elections/E-LIT/mailings/new", session, late).statusCode()).isEqualTo(403);
        String staff = http.signIn("litstaff", "lit-staff-password");
        HttpResponse<String> notice = postMultipart("/elections/E-LIT/notices/new", staff,
                mailingForm(null, "MAIL", null, null, "Forged notice", leaflet(1_000, 6), null));
        assertThat(notice.statusCode()).isEqualTo(403);
        long forged = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM election_mailings WHERE title LIKE 'Forged%'")
                .mapTo(Long.class).one());
        assertThat(forged).isZero();
    }

    @Test
    void staffSendAnOfficialNoticeThatTheUnionPaysForAndNobodyGetsTheList() {
        String session = http.signIn("litstaff", "lit-staff-password");
        HttpResponse<String> form = http.get("/elections/E-LIT/notices/new", session);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("The union pays for an official notice").contains("29 CFR 452.73")
                .contains("confidentiality §5").contains("enctype=\"multipart/form-data\"");
        byte[] file = leaflet(120_000, 7);
        HttpResponse<String> sent = postMultipart("/elections/E-LIT/notices/new", session, mailingForm(
                AckPeopleHttp.hidden(form.body(), "csrf"), "MAIL", "LOCAL", "L085", "Notice of nominations", file, null));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        Map<String, Object> row = superuser.withHandle(h -> h.createQuery("""
                SELECT id, kind, status, literature_sha256, pieces, candidacy_id, scope_id FROM election_mailings
                WHERE requested_by = 'litstaff'""").mapToMap().one());
        assertThat(row).containsEntry("kind", "OFFICIAL_NOTICE").containsEntry("status", "PENDING_APPROVAL")
                .containsEntry("literature_sha256", sha256(file)).containsEntry("pieces", 10L)
                .containsEntry("scope_id", "L085");
        assertThat(row.get("candidacy_id")).isNull();
        assertThat(sent.headers().firstValue("Location").orElse("")).endsWith("/elections/E-LIT?notice=" + row.get("id"));
        noMemberData(form.body());
    }

    @Test
    void thePagesAreInVietnamese() {
        String session = http.signIn("litcand1", "lit-candidate-one-password");
        HttpResponse<String> vi = http.get("/elections/E-LIT/mailings/new?lang=vi", session);
        assertThat(vi.body()).contains("<html lang=\"vi\"").contains("Gửi tài liệu của bạn").contains("Xem báo giá")
                .doesNotContain("??");
        String staff = http.signIn("litstaff", "lit-staff-password");
        assertThat(http.get("/elections/E-LIT/notices/new?lang=vi", staff).body())
                .contains("Gửi thông báo chính thức").doesNotContain("??");
    }
}
