package org.membergateway.audit;

import org.membergateway.testing.TempDirectories;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.crypto.BouncyCastleEd25519;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPostgres;

/**
 * The audit API on the real server over real HTTP, with the production role split: search and
 * paging, validation, verification, the public checkpoint and key, proofs, and 503 when the trail
 * cannot be written.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditResourceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = tempDir();

    static final DropwizardAppExtension<GatewayConfiguration> APP = new DropwizardAppExtension<>(
            GatewayApplication.class, "config/gateway.yml",
            ConfigOverride.config("database.url", () -> TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE)),
            ConfigOverride.config("database.user", TestDatabases.APP_ROLE),
            ConfigOverride.config("database.migrationUser", "postgres"),
            ConfigOverride.config("dataDir", DATA.toString()),
            // The test signs the one checkpoint its proofs are checked against (someHistory).
            ConfigOverride.config("audit.automaticCheckpoints", "false"),
            ConfigOverride.config("logging.loggers.org\\.membergateway\\.audit\\.trail.appenders[0].currentLogFilename",
                    DATA.resolve("audit/audit-trail.jsonl").toString()),
            ConfigOverride.config("logging.loggers.org\\.membergateway\\.audit\\.trail.appenders[0].archivedLogFilenamePattern",
                    DATA.resolve("audit/audit-trail-%d.jsonl.gz").toString()),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"));

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The auditor every request signs in as (the public endpoints ignore it). */
    private static final String AUDITOR_PASSWORD = "test-auditor-password";
    private static final String AUDITOR = "Basic " + Base64.getEncoder()
            .encodeToString(("test-auditor:" + AUDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static Path tempDir() {
        return TempDirectories.create("gateway-audit-it");
    }

    private static Jdbi superuser() {
        return GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
    }

    private static AuditTrail trail() {
        return ((GatewayApplication) APP.getApplication()).services().audit();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                        .header("Authorization", AUDITOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @BeforeAll
    static void someHistory() {
        for (int i = 0; i < 60; i++) {
            trail().record(AuditTestSupport.decision(i % 2 == 0 ? "alice" : "bob", i));
        }
        trail().record(AuditEvent.of(AuditEventType.MEMBER_IMPORT, "admin", "members").withRows(72_000));
        ((GatewayApplication) APP.getApplication()).services().directory().createOrReset("test", "test-auditor",
                "Test Auditor", java.util.Set.of(org.membergateway.auth.Role.AUDITOR), null, null, null,
                AUDITOR_PASSWORD.toCharArray());
        checkpointedSize = AuditTestSupport.serviceOf(APP.getEnvironment()).checkpointNow().orElseThrow().treeSize();
    }

    /** The tree size of the only checkpoint: signed after the history, before any test. */
    private static long checkpointedSize;

    private static void assertTheCheckpointCoversTheHistory() throws Exception {
        HttpResponse<String> response = get("/api/v1/audit/checkpoint");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(response.body().split("\n")[1])).isEqualTo(checkpointedSize).isGreaterThanOrEqualTo(61);
    }

    @Test
    void searchFiltersAndPagesWithACursor() throws Exception {
        JsonNode page = json(get("/api/v1/audit/entries?actor=alice&limit=7"));
        assertThat(page.path("entries")).hasSize(7);
        assertThat(page.path("entries").findValuesAsText("actor")).containsOnly("alice");
        long cursor = page.path("nextAfterSeq").asLong();
        assertThat(cursor).isEqualTo(page.path("entries").get(6).path("seq").asLong());
        JsonNode first = page.path("entries").get(0);
        assertThat(first.fieldNames()).toIterable().contains("seq", "at", "actor", "action", "target", "decision",
                "reasons", "policyVersion", "rows", "exportDigest", "prevHash", "hash");
        assertThat(first.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(first.path("hash").asText()).matches("[0-9a-f]{64}");

        List<Long> seqs = new ArrayList<>();
        String next = "0";
        while (!next.equals("null")) {
            JsonNode p = json(get("/api/v1/audit/entries?actor=alice&limit=7&afterSeq=" + next));
            p.path("entries").forEach(e -> seqs.add(e.path("seq").asLong()));
            next = p.path("nextAfterSeq").isNull() ? "null" : p.path("nextAfterSeq").asText();
        }
        assertThat(seqs).hasSize(30).isSorted().doesNotHaveDuplicates();

        JsonNode denied = json(get("/api/v1/audit/entries?action=decision&decision=DENIED&limit=1000"));
        assertThat(denied.path("entries").findValuesAsText("decision")).hasSize(20).containsOnly("DENIED");
        assertThat(denied.path("entries").get(0).path("reasons").get(0).asText()).isEqualTo("OUT_OF_SCOPE");
        assertThat(denied.path("nextAfterSeq").isNull()).isTrue();

        JsonNode imports = json(get("/api/v1/audit/entries?action=MEMBER_IMPORT"));
        assertThat(imports.path("entries").get(0).path("rows").asLong()).isEqualTo(72_000);

        String now = URLEncoder.encode(Instant.now().plusSeconds(60).toString(), StandardCharsets.UTF_8);
        assertThat(json(get("/api/v1/audit/entries?from=" + now)).path("entries")).isEmpty();
        assertThat(json(get("/api/v1/audit/entries?to=" + now + "&limit=3")).path("entries")).hasSize(3);
        assertThat(json(get("/api/v1/audit/entries?from=2020-01-01&limit=3")).path("entries")).hasSize(3);
    }

    @Test
    void badParametersAre400WithAnErrorResponse() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "afterSeq=-1", "action=NOT_AN_EVENT",
                "decision=denied", "from=yesterday", "from=2026-01-02&to=2026-01-01", "actor=" + "x".repeat(201))) {
            HttpResponse<String> response = get("/api/v1/audit/entries?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).path("error").asText()).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(get("/api/v1/audit/entries/abc/proof").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit/entries/0/proof").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit/entries/1/proof?treeSize=999999").statusCode()).isEqualTo(400);
        assertThat(json(get("/api/v1/audit/entries/999999/proof")).path("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(get("/api/v1/audit/consistency").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit/consistency?first=5&second=4").statusCode()).isEqualTo(400);
    }

    @Test
    void theCheckpointIsPublicAndVerifiesWithBouncyCastleAgainstTheVerifierKey() throws Exception {
        assertTheCheckpointCoversTheHistory();
        HttpResponse<String> checkpoint = get("/api/v1/audit/checkpoint");
        assertThat(checkpoint.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String note = checkpoint.body();
        String key = get("/api/v1/audit/verifier-key").body().trim();

        // Parse both by hand, as a third party would from the C2SP specs.
        String[] keyParts = key.split("\\+", 3);
        assertThat(keyParts[0]).isEqualTo("member-gateway/audit");
        byte[] typedKey = Base64.getDecoder().decode(keyParts[2]);
        assertThat(typedKey[0]).isEqualTo((byte) 0x01);
        byte[] publicKey = Arrays.copyOfRange(typedKey, 1, 33);
        byte[] keyHash = Arrays.copyOf(Rfc6962.sha256("member-gateway/audit\n".getBytes(StandardCharsets.UTF_8), typedKey), 4);
        assertThat(keyParts[1]).isEqualTo(HexFormat.of().formatHex(keyHash));

        String text = note.substring(0, note.indexOf("\n\n") + 1);
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("member-gateway/audit");
        String signatureLine = note.substring(note.indexOf("\n\n") + 2);
        assertThat(signatureLine).startsWith("\u2014 member-gateway/audit ").endsWith("\n");
        byte[] blob = Base64.getDecoder().decode(signatureLine.trim().split(" ")[2]);
        assertThat(Arrays.copyOf(blob, 4)).isEqualTo(keyHash);
        assertThat(BouncyCastleEd25519.verifies(publicKey, text.getBytes(StandardCharsets.UTF_8),
                Arrays.copyOfRange(blob, 4, blob.length))).isTrue();

        // An inclusion proof, checked against the signed root with a standalone RFC 6962 verifier.
        long treeSize = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);
        for (long seq : new long[] {1, 13, treeSize}) {
            JsonNode proof = json(get("/api/v1/audit/entries/" + seq + "/proof"));
            assertThat(proof.fieldNames()).toIterable().containsExactlyInAnyOrder("leafIndex", "treeSize", "leafHash",
                    "auditPath", "rootHash");
            assertThat(proof.path("treeSize").asLong()).isEqualTo(treeSize);
            assertThat(proof.path("leafIndex").asLong()).isEqualTo(seq - 1);
            List<byte[]> path = new ArrayList<>();
            proof.path("auditPath").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
            assertThat(Rfc6962.verifyInclusion(seq - 1, treeSize, HexFormat.of().parseHex(proof.path("leafHash").asText()),
                    path, root)).as("seq %d", seq).isTrue();
        }
        // The leaf hash covers the entry as the API shows it.
        JsonNode entry = json(get("/api/v1/audit/entries?afterSeq=12&limit=1")).path("entries").get(0);
        JsonNode proof = json(get("/api/v1/audit/entries/13/proof"));
        String canonical = new String(new EntryHasher().canonical(13, entry.path("at").asText(), entry.path("actor").asText(),
                entry.path("action").asText(), entry.path("target").asText(null), entry.path("decision").asText(null),
                JSON.convertValue(entry.path("reasons"), List.class), entry.path("policyVersion").asText(null),
                entry.path("rows").isNull() ? null : entry.path("rows").asLong(), entry.path("exportDigest").asText(null)),
                StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(Rfc6962.leafHash(canonical.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(proof.path("leafHash").asText());
    }

    @Test
    void consistencyProofsBetweenTwoTreeSizesVerify() throws Exception {
        assertTheCheckpointCoversTheHistory();
        long size = json(get("/api/v1/audit/entries?afterSeq=0&limit=1000")).path("entries").size();
        for (long[] sizes : new long[][] {{1, size}, {7, 50}, {32, 61}, {50, 50}}) {
            JsonNode proof = json(get("/api/v1/audit/consistency?first=" + sizes[0] + "&second=" + sizes[1]));
            List<byte[]> path = new ArrayList<>();
            proof.path("consistencyPath").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
            assertThat(Rfc6962.verifyConsistency(sizes[0], sizes[1], HexFormat.of().parseHex(proof.path("firstRootHash").asText()),
                    HexFormat.of().parseHex(proof.path("secondRootHash").asText()), path)).as("%d..%d", sizes[0], sizes[1]).isTrue();
            JsonNode first = json(get("/api/v1/audit/entries/1/proof?treeSize=" + sizes[0]));
            assertThat(first.path("rootHash").asText()).isEqualTo(proof.path("firstRootHash").asText());
        }
    }

    @Test
    void verificationIsRecordedAndTheOpenApiDocumentListsTheAuditEndpoints() throws Exception {
        HttpResponse<String> response = get("/api/v1/audit/verification");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json(response);
        assertThat(result.path("valid").asBoolean()).isTrue();
        assertThat(result.path("entries").asLong()).isGreaterThanOrEqualTo(61);
        assertThat(result.path("head").asText()).matches("[0-9a-f]{64}");
        JsonNode recorded = json(get("/api/v1/audit/entries?action=AUDIT_VERIFICATION"));
        assertThat(recorded.path("entries").get(0).path("decision").asText()).isEqualTo("VALID");
        assertThat(recorded.path("entries").get(0).path("actor").asText()).isEqualTo("test-auditor");

        JsonNode paths = json(get("/api/v1/openapi.json")).path("paths");
        assertThat(paths.has("/api/v1/audit/entries")).isTrue();
        assertThat(paths.has("/api/v1/audit/verification")).isTrue();
        assertThat(paths.has("/api/v1/audit/checkpoint")).isTrue();
        assertThat(paths.has("/api/v1/audit/verifier-key")).isTrue();
        assertThat(paths.has("/api/v1/audit/entries/{seq}/proof")).isTrue();
        assertThat(paths.has("/api/v1/audit/consistency")).isTrue();
    }

    @Test
    void theLogFileHoldsTheSameEntriesAsTheDatabase() throws Exception {
        Path file = DATA.resolve("audit/audit-trail.jsonl");
        // The file appender is asynchronous: an entry reaches the file some time after its commit.
        AuditTestSupport.await("61 lines in " + file, java.time.Duration.ofSeconds(60),
                () -> Files.exists(file) && Files.readAllLines(file).size() >= 61);
        AuditLogCrossCheck.Result check = AuditLogCrossCheck.check(
                GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), TestDatabases.APP_ROLE)), file);
        assertThat(check.matches()).as(String.valueOf(check)).isTrue();
        assertThat(check.lines()).isGreaterThanOrEqualTo(61);
    }

    @Test
    void whenTheTrailCannotBeWrittenTheRequestIsRefusedWith503() throws Exception {
        superuser().useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + TestDatabases.APP_ROLE));
        try {
            HttpResponse<String> response = get("/api/v1/audit/verification");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(response).path("error").asText()).isEqualTo("AUDIT_UNAVAILABLE");
        } finally {
            superuser().useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + TestDatabases.APP_ROLE));
        }
        assertThat(get("/api/v1/audit/verification").statusCode()).isEqualTo(200);
    }
}
