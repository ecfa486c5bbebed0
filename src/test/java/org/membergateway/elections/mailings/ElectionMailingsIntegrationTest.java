package org.membergateway.elections.mailings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Candidates' literature mailings, official notices and the equal-treatment ledger over real HTTP
 * on embedded PostgreSQL (confidentiality §5; 29 CFR 452.67-452.70): equal rates for every candidate,
 * the committee's approval becoming a vendor extract of exactly the chosen electorate with one
 * channel's fields, decrypted with GnuPG; no member data in any answer to a candidate; candidates
 * never deciding their own race. Exports carry no seed records here, so a file's rows are the members.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ElectionMailingsIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-25";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.seedRecords", "0"), ConfigOverride.config("exports.sweepEvery", "1h"));
    static final ZoneId UNION_ZONE = ZoneId.of("America/Los_Angeles");
    static final List<String> MAIL_FIELDS = List.of("first_name", "last_name", "home_street", "home_city", "home_state",
            "home_zip");
    static final List<String> EMAIL_FIELDS = List.of("first_name", "last_name", "home_email");

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String CAND_A = basic("cand-a", "candidate-a-password");
    static final String CAND_B = basic("cand-b", "candidate-b-password");
    static final String COMMITTEE = basic("committee1", "committee-1-password");
    static final String COMMITTEE_CANDIDATE = basic("committee2", "committee-2-password");
    static final String STAFF = basic("staff25", "staff-25-password");
    static final String AUDITOR = basic("auditor25", "auditor-25-password");
    static final String MEMBER = basic("member25", "member-25-password");
    static final AtomicInteger ELECTIONS = new AtomicInteger();

    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;
    static long mailVendor;
    static String mailVendorKey;
    static long emailVendor;
    static String emailVendorKey;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "UNIVERSITIES")
                .local("L101", "R1", "STATE_AGENCIES");
        // 30 people: 1-12 in L083, 13-20 in L084 (both R3), 21-30 in L101 (R1). Every 5th has no home
        // address, every 4th no email, number 7 is fair share (not in any electorate), 29 is retired.
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip, home_email)
                SELECT 'M' || lpad(i::text, 3, '0'), 'First' || i, 'Last' || i,
                       CASE WHEN i <= 12 THEN 'L083' WHEN i <= 20 THEN 'L084' ELSE 'L101' END,
                       CASE WHEN i <= 20 THEN 'R3' ELSE 'R1' END,
                       CASE WHEN i <= 12 OR i > 20 THEN 'STATE_AGENCIES' ELSE 'UNIVERSITIES' END,
                       CASE WHEN i = 7 THEN 'FAIR_SHARE' WHEN i = 29 THEN 'RETIRED' ELSE 'MEMBER' END,
                       CASE WHEN i % 5 = 0 THEN NULL ELSE i || ' Main St' END, 'Salem', 'OR', '97301',
                       CASE WHEN i % 4 = 0 THEN NULL ELSE 'm' || i || '@example.org' END
                FROM generate_series(1, 30) AS i"""));
        TestPeople.create(api, ADMIN, "cand-a", "Candidate A", "candidate-a-password", "MEMBER", "L083");
        TestPeople.create(api, ADMIN, "cand-b", "Candidate B", "candidate-b-password", "MEMBER", "L084");
        TestPeople.create(api, ADMIN, "committee1", "Committee One", "committee-1-password", "ELECTION_COMMITTEE", null);
        TestPeople.create(api, ADMIN, "committee2", "Committee Two", "committee-2-password", "ELECTION_COMMITTEE", "L083");
        TestPeople.create(api, ADMIN, "staff25", "Staff 25", "staff-25-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "auditor25", "Auditor 25", "auditor-25-password", "AUDITOR", null);
        TestPeople.create(api, ADMIN, "member25", "Member 25", "member-25-password", "MEMBER", "L083");
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, COMMITTEE, "Committee One");
        TestPeople.acknowledgeEverything(api, acknowledgements, COMMITTEE_CANDIDATE, "Committee Two");
        TestPeople.acknowledgeEverything(api, acknowledgements, STAFF, "Staff 25");

        gpg = GnuPg.inTemporaryHome();
        String fingerprint = gpg.generateKey("Union Election Mailer <pgp@election-mailer.example>", "future-default",
                "default", "2y");
        String armored = gpg.exportPublicKey(fingerprint);
        gpg.importKey(api.get("/api/v1/keys/openpgp", null).body());
        JsonNode mail = vendor("Union Election Mailer", armored);
        mailVendor = mail.path("id").asLong();
        mailVendorKey = bearer(mail.path("apiKey").asText());
        JsonNode email = vendor("Union Election Emailer", armored);
        emailVendor = email.path("id").asLong();
        emailVendorKey = bearer(email.path("apiKey").asText());
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    static JsonNode vendor(String name, String armoredKey) {
        LocalDate today = LocalDate.now(UNION_ZONE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("service", "ELECTION_LITERATURE");
        List<String> fields = new ArrayList<>(MAIL_FIELDS);
        fields.add("home_email");
        fields.add("membership_status");
        body.put("allowedFields", fields);
        body.put("membershipStatusJustification", "the electorate of a union election is its members");
        body.put("validFrom", today.minusDays(1).toString());
        body.put("validUntil", today.plusYears(1).toString());
        body.put("openpgpPublicKey", armoredKey);
        HttpResponse<String> created = api.postJson("/api/v1/vendors", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    /** A new election of region R3 (or {@code scopeType scopeId}) with both vendors, or mail only. */
    static String election(ScopeType scopeType, String scopeId, boolean email) {
        String id = "E2027-T" + ELECTIONS.incrementAndGet();
        LocalDate today = LocalDate.now(UNION_ZONE);
        TestElections.insert(superuser, id, Office.BOARD_SEAT, scopeType, scopeId, today.minusDays(10), null,
                today.plusDays(60), mailVendor, email ? emailVendor : null);
        return id;
    }

    static void declare(String username, String electionId, ScopeType scopeType, String scopeId) {
        HttpResponse<String> declared = api.postJson("/api/v1/people/" + username + "/candidacies", ADMIN, Map.of(
                "office", "BOARD_SEAT", "scopeType", scopeType.name(), "scopeId", scopeId, "electionId", electionId));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    }

    static Map<String, Object> mailing(String channel, String scopeType, String scopeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        if (scopeType != null) {
            body.put("scope", Map.of("type", scopeType, "id", scopeId));
        }
        body.put("title", "Why I am running");
        body.put("literatureSha256", "ab".repeat(32));
        return body;
    }

    static HttpResponse<String> submit(String who, String electionId, Map<String, Object> body) {
        return api.postJson("/api/v1/elections/" + electionId + "/mailings", who, body);
    }

    static JsonNode approve(String electionId, long mailingId, boolean approve) {
        HttpResponse<String> decided = api.postJson("/api/v1/elections/" + electionId + "/mailings/" + mailingId + "/approval",
                COMMITTEE, Map.of("approve", approve, "note", approve ? "eligible, on the published terms" : "not eligible"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        return json(decided);
    }

    /** Members of the locals with that status who have every one of {@code needed} filled in, by first name. */
    static Set<String> reachable(List<String> locals, String needed) {
        return new HashSet<>(superuser.withHandle(h -> h.createQuery("SELECT first_name FROM members WHERE local_id IN (<locals>)"
                + " AND membership_status = 'MEMBER' AND " + needed + " IS NOT NULL").bindList("locals", locals)
                .mapTo(String.class).list()));
    }

    static long count(String sql, Object... args) {
        return TestDatabases.count(superuser, sql, args);
    }

    /** No member value of the fixture (names, streets, emails, ids) appears in {@code body}. */
    static void holdsNoMemberData(String body) {
        assertThat(body).doesNotContain("Last1").doesNotContain("First1").doesNotContain("Main St")
                .doesNotContain("@example.org").doesNotContain("M001").doesNotContain("97301");
    }

    /** The vendor pulls extract {@code id} with its key; GnuPG decrypts it (and checks the gateway's signature). */
    static List<String> pull(String vendorKey, long id) throws IOException {
        JsonNode listed = json(api.get("/api/v1/vendor/extracts", vendorKey));
        assertThat(listed).extracting(e -> e.path("id").asLong()).contains(id);
        HttpResponse<byte[]> pulled = api.getBytes("/api/v1/vendor/extracts/" + id + "/content", vendorKey);
        assertThat(pulled.statusCode()).isEqualTo(200);
        Path message = Files.createTempFile(gpg.home(), "extract", ".gpg");
        Path plain = gpg.home().resolve("extract-" + id + ".csv");
        Files.write(message, pulled.body());
        GnuPg.Result decrypted = gpg.run(null, "--output", plain.toString(), "--decrypt", message.toString());
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(decrypted.stderr()).contains("DECRYPTION_OKAY").contains("GOODMDC").contains("VALIDSIG");
        return Files.readAllLines(plain);
    }

    static Set<String> firstNames(List<String> lines) {
        Set<String> names = new HashSet<>();
        lines.subList(1, lines.size()).forEach(line -> names.add(line.split(",", -1)[0]));
        return names;
    }

    // ---- the tests --------------------------------------------------------------------------------

    @Test
    void twoCandidatesOfOneElectionAreQuotedAndChargedTheSameTermsAndTheLedgerListsBoth() {
        String election = election(ScopeType.REGION, "R3", true);
        declare("cand-a", election, ScopeType.REGION, "R3");
        declare("cand-b", election, ScopeType.REGION, "R3");
        long mailPieces = reachable(List.of("L083", "L084"), "home_street").size();

        HttpResponse<String> quoted = api.postJson("/api/v1/elections/" + election + "/mailings?dryRun=true", CAND_A,
                mailing("MAIL", null, null));
        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(200);
        assertThat(json(quoted).path("pieces").asLong()).isEqualTo(mailPieces);
        assertThat(json(quoted).path("rateCents").asInt()).isEqualTo(TestElections.MAIL_RATE_CENTS);
        assertThat(json(quoted).path("costCents").asLong()).isEqualTo(mailPieces * TestElections.MAIL_RATE_CENTS);
        assertThat(json(quoted).path("leadDays").asInt()).isEqualTo(TestElections.LEAD_DAYS);
        assertThat(count("SELECT count(*) FROM election_mailings WHERE election_id = ?", election)).isZero();

        HttpResponse<String> a = submit(CAND_A, election, mailing("MAIL", null, null));
        HttpResponse<String> b = submit(CAND_B, election, mailing("MAIL", null, null));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        for (HttpResponse<String> answer : List.of(a, b)) {
            JsonNode created = json(answer);
            assertThat(created.path("status").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(created.path("pieces").asLong()).isEqualTo(mailPieces);
            assertThat(created.path("rateCents").asInt()).isEqualTo(TestElections.MAIL_RATE_CENTS);
            assertThat(created.path("costCents").asLong()).isEqualTo(mailPieces * TestElections.MAIL_RATE_CENTS);
        }
        long emailPieces = reachable(List.of("L084"), "home_email").size();
        HttpResponse<String> part = submit(CAND_B, election, mailing("EMAIL", "LOCAL", "L084"));
        assertThat(part.statusCode()).as(part.body()).isEqualTo(201);
        assertThat(json(part).path("pieces").asLong()).isEqualTo(emailPieces);
        assertThat(json(part).path("rateCents").asInt()).isEqualTo(TestElections.EMAIL_RATE_CENTS);

        for (String reader : List.of(COMMITTEE, AUDITOR)) {
            HttpResponse<String> ledger = api.get("/api/v1/elections/" + election + "/mailings", reader);
            assertThat(ledger.statusCode()).as(ledger.body()).isEqualTo(200);
            JsonNode body = json(ledger);
            assertThat(body.path("candidates")).extracting(JsonNode::asText).containsExactly("cand-a", "cand-b");
            assertThat(body.path("mailings")).hasSize(3);
            assertThat(body.path("mailings")).extracting(m -> m.path("candidate").asText())
                    .containsExactly("cand-a", "cand-b", "cand-b");
            assertThat(body.path("mailings").get(1).path("scope").path("type").asText()).isEqualTo("REGION");
            assertThat(body.path("mailings").get(2).path("scope").path("id").asText()).isEqualTo("L084");
            assertThat(body.path("equalTerms").asBoolean()).isTrue();
            assertThat(body.path("terms").path("rates").path("MAIL").asInt()).isEqualTo(TestElections.MAIL_RATE_CENTS);
            holdsNoMemberData(ledger.body());
        }
        assertThat(api.get("/api/v1/elections/" + election + "/mailings", CAND_A).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/elections/" + election + "/mailings", STAFF).statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DECISION' AND actor = 'cand-a'"
                + " AND target LIKE ? AND decision = 'PENDING_APPROVAL'", "election:" + election + "/mailing:%")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE actor = 'cand-a' AND decision = 'QUOTED'"
                + " AND target = ?", "election:" + election + "/mailing:quote")).isEqualTo(1);
    }

    @Test
    void anApprovedMailingBecomesAVendorExtractOfExactlyTheChosenPartWithOneChannelsFieldsAndTheCandidateSeesNone()
            throws IOException {
        String election = election(ScopeType.REGION, "R3", true);
        declare("cand-a", election, ScopeType.REGION, "R3");
        HttpResponse<String> asked = submit(CAND_A, election, mailing("MAIL", "LOCAL", "L083"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        holdsNoMemberData(asked.body());
        long mailingId = json(asked).path("id").asLong();
        Set<String> expected = reachable(List.of("L083"), "home_street");
        assertThat(json(asked).path("pieces").asLong()).isEqualTo(expected.size());

        JsonNode decided = approve(election, mailingId, true);
        assertThat(decided.path("status").asText()).isEqualTo("DELIVERED");
        long extract = decided.path("listRequestId").asLong();
        assertThat(extract).isPositive();
        assertThat(count("SELECT count(*) FROM list_requests WHERE id = ? AND purpose = 'VENDOR_SERVICE'"
                + " AND audience = 'MEMBERS' AND vendor_id = ?", extract, mailVendor)).isEqualTo(1);

        List<String> lines = pull(mailVendorKey, extract);
        assertThat(lines.get(0)).isEqualTo(String.join(",", MAIL_FIELDS));
        assertThat(lines).hasSize(expected.size() + 1);
        // Exactly L083's members with a home address: not the fair-share worker, nobody of L084 or L101.
        assertThat(firstNames(lines)).isEqualTo(expected).doesNotContain("First7", "First5", "First13", "First21");

        // An EMAIL mailing to the whole electorate: names and home email only, to the email vendor.
        HttpResponse<String> emailed = submit(CAND_A, election, mailing("EMAIL", null, null));
        assertThat(emailed.statusCode()).as(emailed.body()).isEqualTo(201);
        JsonNode emailDecided = approve(election, json(emailed).path("id").asLong(), true);
        assertThat(emailDecided.path("status").asText()).isEqualTo("DELIVERED");
        List<String> emails = pull(emailVendorKey, emailDecided.path("listRequestId").asLong());
        assertThat(emails.get(0)).isEqualTo(String.join(",", EMAIL_FIELDS));
        assertThat(firstNames(emails)).isEqualTo(reachable(List.of("L083", "L084"), "home_email"));
        assertThat(json(api.get("/api/v1/vendor/extracts", mailVendorKey))).extracting(e -> e.path("id").asLong())
                .doesNotContain(emailDecided.path("listRequestId").asLong());

        // The candidate can neither see the extract nor build it; it is not theirs in any answer.
        assertThat(api.get("/api/v1/list-requests/" + extract, CAND_A).statusCode()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/list-requests/" + extract + "/exports", CAND_A,
                Map.of("encryption", "PASSPHRASE")).statusCode()).isEqualTo(404);
        HttpResponse<String> mine = api.get("/api/v1/list-requests", CAND_A);
        assertThat(mine.body()).doesNotContain("\"id\":" + extract + ",");
        holdsNoMemberData(mine.body());
        // Nor can the committee member who approved it have it in any form but the vendor's.
        HttpResponse<String> passphrase = api.postJson("/api/v1/list-requests/" + extract + "/exports", COMMITTEE,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(passphrase.statusCode()).as(passphrase.body()).isIn(400, 409);
        assertThat(passphrase.body()).doesNotContain("passphrase\":");
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ? AND encryption = 'PASSPHRASE'", extract)).isZero();
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'APPROVAL' AND actor = 'committee1'"
                + " AND target = ? AND decision = 'APPROVED'", "election:" + election + "/mailing:" + mailingId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE target LIKE ? AND (target LIKE '%First%'"
                + " OR target LIKE '%Main St%' OR target LIKE '%@example.org%')", "election:" + election + "%")).isZero();
    }

    @Test
    void anOfficialNoticeGoesToTheMailHouseVendorAtTheUnionsCostAndToNoPerson() throws IOException {
        String election = election(ScopeType.REGION, "R3", true);
        declare("cand-a", election, ScopeType.REGION, "R3");
        Map<String, Object> notice = Map.of("title", "Notice of nominations and election", "literatureSha256", "cd".repeat(32));
        assertThat(api.postJson("/api/v1/elections/" + election + "/notices", CAND_A, notice).statusCode()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/elections/" + election + "/notices", COMMITTEE, notice).statusCode()).isEqualTo(403);
        HttpResponse<String> asked = api.postJson("/api/v1/elections/" + election + "/notices", STAFF, notice);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        long noticeId = json(asked).path("id").asLong();
        Set<String> expected = reachable(List.of("L083", "L084"), "home_street");
        assertThat(json(asked).path("pieces").asLong()).isEqualTo(expected.size());

        JsonNode decided = approve(election, noticeId, true);
        assertThat(decided.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(decided.path("kind").asText()).isEqualTo("OFFICIAL_NOTICE");
        assertThat(decided.path("candidacyId").isNull()).isTrue();
        long extract = decided.path("listRequestId").asLong();
        List<String> lines = pull(mailVendorKey, extract);
        assertThat(lines.get(0)).isEqualTo(String.join(",", MAIL_FIELDS));
        assertThat(firstNames(lines)).isEqualTo(expected);

        // No person holds it: not the staff member who asked, not the candidate; only the vendor's key opens it.
        assertThat(api.get("/api/v1/list-requests/" + extract, STAFF).statusCode()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/list-requests/" + extract + "/exports", STAFF,
                Map.of("encryption", "RECIPIENT_KEY")).statusCode()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM exports WHERE request_id = ? AND encryption = 'RECIPIENT_KEY'",
                extract)).isEqualTo(1);
        JsonNode ledger = json(api.get("/api/v1/elections/" + election + "/mailings", AUDITOR));
        JsonNode entry = ledger.path("mailings").get(0);
        assertThat(entry.path("kind").asText()).isEqualTo("OFFICIAL_NOTICE");
        assertThat(entry.path("candidate").isNull()).isTrue();
        assertThat(entry.path("requestedBy").asText()).isEqualTo("staff25");
        // A notice is nobody's campaign: it raises no equal-treatment warning.
        assertThat(ledger.path("warnings")).isEmpty();
    }

    @Test
    void onlyAnUninvolvedCommitteeMemberDecidesAndOnlyDeclaredCandidatesAskWithinTheirElectorate() {
        String election = election(ScopeType.REGION, "R3", false);
        declare("cand-a", election, ScopeType.REGION, "R3");
        declare("committee2", election, ScopeType.REGION, "R3");
        HttpResponse<String> asked = submit(CAND_A, election, mailing("MAIL", null, null));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        long mailingId = json(asked).path("id").asLong();
        String approval = "/api/v1/elections/" + election + "/mailings/" + mailingId + "/approval";

        HttpResponse<String> byCandidate = api.postJson(approval, COMMITTEE_CANDIDATE, Map.of("approve", true, "note", "ok"));
        assertThat(byCandidate.statusCode()).isEqualTo(403);
        assertThat(json(byCandidate).path("error").asText()).isEqualTo("APPROVER_IS_CANDIDATE");
        assertThat(api.postJson(approval, CAND_A, Map.of("approve", true, "note", "mine")).statusCode()).isEqualTo(403);
        assertThat(api.postJson(approval, STAFF, Map.of("approve", true, "note", "")).statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM election_mailings WHERE id = ? AND status = 'PENDING_APPROVAL'"
                + " AND list_request_id IS NULL", mailingId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM list_requests WHERE requester_id = (SELECT id FROM people"
                + " WHERE username = 'committee2')")).isZero();

        JsonNode rejected = approve(election, mailingId, false);
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("listRequestId").isNull()).isTrue();
        HttpResponse<String> again = api.postJson(approval, COMMITTEE, Map.of("approve", true, "note", "changed my mind"));
        assertThat(again.statusCode()).isEqualTo(409);

        HttpResponse<String> notCandidate = submit(MEMBER, election, mailing("MAIL", null, null));
        assertThat(notCandidate.statusCode()).isEqualTo(403);
        assertThat(json(notCandidate).path("error").asText()).isEqualTo("NOT_A_CANDIDATE");
        HttpResponse<String> outside = submit(CAND_A, election, mailing("MAIL", "LOCAL", "L101"));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(json(outside).path("field").asText()).isEqualTo("scope");
        HttpResponse<String> noEmail = submit(CAND_A, election, mailing("EMAIL", null, null));
        assertThat(noEmail.statusCode()).isEqualTo(409);
        assertThat(json(noEmail).path("error").asText()).isEqualTo("NO_EMAIL_VENDOR");
        HttpResponse<String> badHash = submit(CAND_A, election, Map.of("channel", "MAIL", "title", "x", "literatureSha256", "nope"));
        assertThat(badHash.statusCode()).isEqualTo(400);
        assertThat(json(badHash).path("field").asText()).isEqualTo("literatureSha256");
        assertThat(submit(CAND_A, "E-NO-SUCH", mailing("MAIL", null, null)).statusCode()).isEqualTo(404);
    }

    @Test
    void aStaffMemberOnTheCommitteeGetsNoUnapprovedExtractOfMembersThroughTheOrdinaryVendorFlow() {
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, Map.of("username", "staffcommittee",
                "displayName", "Staff Committee", "password", "staff-committee-password",
                "roles", List.of("STAFF", "ELECTION_COMMITTEE"), "locals", List.of(), "regions", List.of(),
                "employerGroups", List.of()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String both = basic("staffcommittee", "staff-committee-password");
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(), both,
                "Staff Committee");
        // The committee's grant is for the extracts of approved election mailings only: here the person asks as
        // staff, and a staff extract waits for the executive director or a designee.
        HttpResponse<String> extract = api.postJson("/api/v1/vendors/" + mailVendor + "/extracts", both, Map.of(
                "scope", Map.of("type", "LOCAL", "id", "L083"), "audience", "MEMBERS", "fields", MAIL_FIELDS));
        assertThat(extract.statusCode()).as(extract.body()).isEqualTo(202);
        assertThat(json(extract).path("status").asText()).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void theLedgerWarnsWhenOneCandidateHasHadWhatAnotherHasNot() {
        String election = election(ScopeType.REGION, "R3", true);
        declare("cand-a", election, ScopeType.REGION, "R3");
        declare("cand-b", election, ScopeType.REGION, "R3");
        long a = json(submit(CAND_A, election, mailing("MAIL", "LOCAL", "L083"))).path("id").asLong();
        long b = json(submit(CAND_B, election, mailing("MAIL", null, null))).path("id").asLong();
        String ledgerPath = "/api/v1/elections/" + election + "/mailings";
        // Nothing granted yet: nobody has had anything.
        assertThat(json(api.get(ledgerPath, COMMITTEE)).path("warnings")).isEmpty();

        approve(election, a, true);
        JsonNode warnings = json(api.get(ledgerPath, COMMITTEE)).path("warnings");
        assertThat(warnings).extracting(w -> w.path("code").asText() + ":" + w.path("candidate").asText())
                .containsExactlyInAnyOrder("FEWER_MAILINGS:cand-b", "CHANNEL_NOT_HAD:cand-b", "SCOPE_NOT_HAD:cand-b");
        assertThat(warnings.toString()).contains("LOCAL L083");

        // Once B has had a mailing too, by the same channel, only the part of the electorate differs.
        approve(election, b, true);
        JsonNode after = json(api.get(ledgerPath, COMMITTEE));
        assertThat(after.path("warnings")).extracting(w -> w.path("code").asText() + ":" + w.path("candidate").asText())
                .containsExactlyInAnyOrder("SCOPE_NOT_HAD:cand-b", "SCOPE_NOT_HAD:cand-a");
        assertThat(after.path("equalTerms").asBoolean()).isTrue();

        // An inspection of the list is something one candidate has had too: the ledger lists it and
        // warns for the candidate who has not.
        superuser.useHandle(h -> h.createUpdate("""
                        INSERT INTO election_inspections (election_id, person_id, opened_at, expires_at)
                        SELECT :e, id, now(), now() + interval '1 hour' FROM people WHERE username = 'cand-a'""")
                .bind("e", election).execute());
        JsonNode inspected = json(api.get(ledgerPath, COMMITTEE));
        assertThat(inspected.path("inspections")).extracting(i -> i.path("candidate").asText()).containsExactly("cand-a");
        assertThat(inspected.path("warnings")).extracting(w -> w.path("code").asText() + ":" + w.path("candidate").asText())
                .containsExactlyInAnyOrder("SCOPE_NOT_HAD:cand-b", "SCOPE_NOT_HAD:cand-a", "INSPECTION_NOT_HAD:cand-b");
    }
}
