package org.membergateway.acknowledgements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayConfiguration;
import org.membergateway.crypto.OpenPgpKeyResource;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;

/**
 * Acknowledgements over real HTTP (README, Confidentiality acknowledgements, §6 keys): a receipt GnuPG verifies with the key
 * the gateway serves, a clear 400/403 for every mistake, paper sign-off by staff, and the audit
 * trail. The policy comes from a directory (policy.directory) holding the bundled texts plus a
 * newer agreement, so that a version that is no longer current can be tried.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AcknowledgementApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-6";
    static final String AGREEMENT = "confidentiality-agreement";
    static final String CURRENT = "2027-01-01";

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("policy.directory", () -> PolicyTestDirectories.withNewAgreementVersion(CURRENT).toString()));

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String OFFICER = basic("officer6", "officer-six-password");
    static final String STAFF = basic("staff6", "staff-six-password");
    static final String AUDITOR = basic("auditor6", "auditor-six-password");
    static final String MEMBER = basic("member6", "member-six-password");
    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;


    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        TestPeople.create(api, ADMIN, "officer6", "Trần Văn  Minh", "officer-six-password", "LOCAL_OFFICER", null);
        TestPeople.create(api, ADMIN, "staff6", "Staff Six", "staff-six-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "auditor6", "Auditor Six", "auditor-six-password", "AUDITOR", null);
        TestPeople.create(api, ADMIN, "member6", "Member Six", "member-six-password", "MEMBER", null);
        gpg = GnuPg.inTemporaryHome();
    }

    @AfterAll
    static void tearDown() {
        gpg.close();
    }

    static Map<String, Object> online(String documentId, String version, String language, String typedName) {
        Map<String, Object> body = new HashMap<>();
        body.put("documentId", documentId);
        body.put("version", version);
        body.put("language", language);
        body.put("typedName", typedName);
        return body;
    }

    static Map<String, Object> paper(String username, String signedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("documentId", AGREEMENT);
        body.put("version", CURRENT);
        body.put("language", "en");
        body.put("signedOn", signedOn);
        body.put("witness", "Lan Pham, field representative");
        return body;
    }

    static long audited(String actor, String decision) {
        return superuser.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_entries WHERE action = 'ACKNOWLEDGEMENT' AND actor = :a AND decision = :d""")
                .bind("a", actor).bind("d", decision).mapTo(Long.class).one());
    }

    @Test
    void aReceiptIsSignedByTheServedKeyAndGnuPgVerifiesIt() {
        HttpResponse<String> keys = api.get("/api/v1/keys/openpgp", null);
        assertThat(keys.statusCode()).as("public, no credentials").isEqualTo(200);
        assertThat(keys.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pgp-keys"));
        assertThat(keys.body()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        String fingerprint = keys.headers().firstValue(OpenPgpKeyResource.FINGERPRINT_HEADER).orElseThrow();
        assertThat(fingerprint).matches("[0-9A-F]{40}");

        HttpResponse<String> created = api.postJson("/api/v1/acknowledgements", OFFICER,
                online(AGREEMENT, CURRENT, "en", "trần văn minh"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ack = json(created);
        assertThat(ack.path("username").asText()).isEqualTo("officer6");
        assertThat(ack.path("documentId").asText()).isEqualTo(AGREEMENT);
        assertThat(ack.path("version").asText()).isEqualTo(CURRENT);
        assertThat(ack.path("language").asText()).isEqualTo("en");
        assertThat(ack.path("method").asText()).isEqualTo("ONLINE");
        String receipt = ack.path("receipt").asText();
        String signature = ack.path("signature").asText();
        assertThat(receipt).startsWith(Receipt.FORMAT_LINE + "\n")
                .contains("\nid: " + ack.path("id").asText() + "\n", "\nusername: officer6\n", "\nmethod: ONLINE\n",
                        "\ndocument-sha256: " + ack.path("documentSha256").asText() + "\n",
                        "\ntyped-name: trần văn minh\n", "\ngateway-key: " + fingerprint + "\n")
                .endsWith("\n").doesNotContain("\r");
        assertThat(signature).startsWith("-----BEGIN PGP SIGNATURE-----");
        java.time.Instant signedAt = java.time.Instant.parse(ack.path("signedAt").asText());
        assertThat(java.time.Instant.parse(ack.path("expiresAt").asText()))
                .isEqualTo(signedAt.atZone(ZoneOffset.UTC).plusMonths(12).toInstant());

        // The hash in the receipt is the hash of the text the gateway serves.
        HttpResponse<String> text = api.get("/api/v1/policy-documents/" + AGREEMENT + "/" + CURRENT + "/en", null);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualToIgnoringCase("text/plain;charset=utf-8");
        assertThat(org.membergateway.policy.PolicyYaml.sha256(text.body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ack.path("documentSha256").asText());

        // A third party: the served key, real gpg, nothing of this code.
        GnuPg.Result imported = gpg.importKeys(keys.body());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        byte[] bytes = receipt.getBytes(StandardCharsets.UTF_8);
        GnuPg.Result good = gpg.verify(signature, bytes);
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(good.has("GOODSIG")).as(good.status()).isTrue();
        assertThat(good.has("VALIDSIG " + fingerprint)).as(good.status()).isTrue();

        byte[] tampered = bytes.clone();
        int at = receipt.indexOf("expires-at: ") + "expires-at: ".length();
        tampered[at] = (byte) (tampered[at] == '2' ? '3' : '2');
        GnuPg.Result bad = gpg.verify(signature, tampered);
        assertThat(bad.exitCode()).as("one changed byte").isNotZero();
        assertThat(bad.has("BADSIG")).as(bad.status()).isTrue();
        assertThat(bad.has("VALIDSIG")).isFalse();

        assertThat(audited("officer6", "SIGNED")).isGreaterThanOrEqualTo(1);
        String stored = superuser.withHandle(h -> h.createQuery(
                "SELECT user_agent FROM acknowledgements WHERE id = CAST(:id AS uuid)")
                .bind("id", ack.path("id").asText()).mapTo(String.class).one());
        assertThat(stored).as("the client's user agent is kept").isNotBlank();
    }

    @Test
    void theDocumentsArePublicWithTheHashOfEveryText() {
        HttpResponse<String> listed = api.get("/api/v1/policy-documents", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode documents = json(listed);
        assertThat(documents).hasSize(3);
        JsonNode policy = documents.get(0);
        assertThat(policy.path("id").asText()).isEqualTo("confidentiality-policy");
        assertThat(policy.path("version").asText()).isEqualTo("2017-11-18");
        assertThat(policy.path("current").asBoolean()).isTrue();
        assertThat(policy.path("required").asBoolean()).isTrue();
        String viSha = policy.path("languages").path("vi").path("sha256").asText();
        HttpResponse<String> vi = api.get("/api/v1/policy-documents/confidentiality-policy/2017-11-18/vi", null);
        assertThat(vi.body()).startsWith("BÍ MẬT CỦA HỒ SƠ THÀNH VIÊN");
        assertThat(org.membergateway.policy.PolicyYaml.sha256(vi.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(viSha);
        assertThat(documents.get(1).path("current").asBoolean()).as("the older agreement").isFalse();
        assertThat(api.get("/api/v1/policy-documents/confidentiality-policy/2017-11-18/fr", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void everyMistakeIsA400NamingTheFieldWithAClearMessage() {
        record Case(Map<String, Object> body, String field, String message) { }
        List<Case> cases = List.of(
                new Case(online("no-such-document", CURRENT, "en", "Trần Văn Minh"), "documentId",
                        "unknown document 'no-such-document'; one of [confidentiality-policy, confidentiality-agreement]"),
                new Case(online(AGREEMENT, "1999-01-01", "en", "Trần Văn Minh"), "version",
                        "has no version '1999-01-01'; the current version is " + CURRENT),
                new Case(online(AGREEMENT, "2026-11-01", "en", "Trần Văn Minh"), "version",
                        "no longer current; acknowledge the current text, version " + CURRENT),
                new Case(online(AGREEMENT, CURRENT, "fr", "Trần Văn Minh"), "language",
                        "has no text in 'fr'; one of [en]"),
                new Case(online(AGREEMENT, CURRENT, "en", "Someone Else"), "typedName",
                        "type your name as your account shows it (Trần Văn  Minh)"),
                new Case(online(AGREEMENT, CURRENT, "en", " "), "typedName", "required"),
                new Case(online(AGREEMENT, CURRENT, "en", "Trần\u0007Văn Minh"), "typedName", "control character"),
                new Case(online(null, CURRENT, "en", "Trần Văn Minh"), "documentId", "required"));
        for (Case c : cases) {
            HttpResponse<String> response = api.postJson("/api/v1/acknowledgements", OFFICER, c.body());
            assertThat(response.statusCode()).as(c.field() + ": " + response.body()).isEqualTo(400);
            JsonNode error = json(response);
            assertThat(error.path("field").asText()).isEqualTo(c.field());
            assertThat(error.path("message").asText()).contains(c.message());
        }
        assertThat(api.postJson("/api/v1/acknowledgements", null, online(AGREEMENT, CURRENT, "en", "x")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void nobodyAcknowledgesForSomeoneElseExceptStaffOnPaper() {
        Map<String, Object> forOther = online(AGREEMENT, CURRENT, "en", "Member Six");
        forOther.put("username", "member6");
        HttpResponse<String> online = api.postJson("/api/v1/acknowledgements", OFFICER, forOther);
        assertThat(online.statusCode()).isEqualTo(403);
        assertThat(json(online).path("message").asText()).contains("only for yourself", "/api/v1/acknowledgements/paper");
        assertThat(audited("officer6", "DENIED")).isEqualTo(1);

        HttpResponse<String> notStaff = api.postJson("/api/v1/acknowledgements/paper", OFFICER,
                paper("member6", LocalDate.now(ZoneOffset.UTC).toString()));
        assertThat(notStaff.statusCode()).isEqualTo(403);
        assertThat(json(notStaff).path("message").asText()).contains("STAFF");

        assertThat(api.get("/api/v1/acknowledgements?username=staff6", MEMBER).statusCode()).isEqualTo(403);
    }

    @Test
    void staffLogAPaperSignOffWhichIsSignedListedAndMakesNoOneElseCurrent() {
        String signedOn = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
        HttpResponse<String> created = api.postJson("/api/v1/acknowledgements/paper", STAFF, paper("MEMBER6", signedOn));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ack = json(created);
        assertThat(ack.path("username").asText()).isEqualTo("member6");
        assertThat(ack.path("method").asText()).isEqualTo("PAPER");
        assertThat(ack.path("recordedBy").asText()).isEqualTo("staff6");
        assertThat(ack.path("signedOn").asText()).isEqualTo(signedOn);
        assertThat(ack.path("signedAt").asText()).isEqualTo(signedOn + "T00:00:00Z");
        assertThat(ack.path("expiresAt").asText()).isEqualTo(LocalDate.parse(signedOn).plusMonths(12) + "T00:00:00Z");
        assertThat(ack.path("receipt").asText()).contains("\nmethod: PAPER\n", "\nsigned-on: " + signedOn + "\n",
                "\nwitness: Lan Pham, field representative\n", "\nrecorded-by: staff6\n");
        assertThat(audited("staff6", "PAPER_RECORDED")).isEqualTo(1);

        GnuPg.Result imported = gpg.importKeys(api.get("/api/v1/keys/openpgp", null).body());
        assertThat(imported.exitCode()).isZero();
        GnuPg.Result verified = gpg.verify(ack.path("signature").asText(),
                ack.path("receipt").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(verified.exitCode()).as(verified.stderr()).isZero();

        for (String reader : List.of(STAFF, AUDITOR, MEMBER)) {
            HttpResponse<String> listed = api.get("/api/v1/acknowledgements?username=member6", reader);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(json(listed)).extracting(n -> n.path("id").asText()).contains(ack.path("id").asText());
        }
        JsonNode mine = json(api.get("/api/v1/acknowledgements", MEMBER));
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).has("typedName")).isFalse();

        // Only the agreement is signed: the policy itself is still missing.
        JsonNode status = json(api.get("/api/v1/acknowledgements/status", MEMBER));
        assertThat(status.path("status").asText()).isEqualTo("MISSING");
        assertThat(status.path("signAt").asText()).isEqualTo("POST /api/v1/acknowledgements");
        assertThat(status.path("documents").get(1).path("status").asText()).isEqualTo("CURRENT");

        HttpResponse<String> policy = api.postJson("/api/v1/acknowledgements", MEMBER,
                online("confidentiality-policy", "2017-11-18", "vi", "member six"));
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
        assertThat(json(api.get("/api/v1/acknowledgements/status", MEMBER)).path("status").asText()).isEqualTo("CURRENT");
        assertThat(json(api.get("/api/v1/acknowledgements/status?username=member6", AUDITOR)).path("status").asText())
                .isEqualTo("CURRENT");
    }

    @Test
    void aPaperDateInTheFutureOrOlderThanTheValidityIsRefused() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> cases = Map.of(
                today.plusDays(1).toString(), "is in the future",
                today.minusMonths(12).minusDays(1).toString(), "longer ago than an acknowledgement is valid (P12M)",
                "03/11/2026", "YYYY-MM-DD");
        cases.forEach((signedOn, message) -> {
            HttpResponse<String> response = api.postJson("/api/v1/acknowledgements/paper", STAFF, paper("member6", signedOn));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo("signedOn");
            assertThat(json(response).path("message").asText()).contains(message);
        });
        HttpResponse<String> nobody = api.postJson("/api/v1/acknowledgements/paper", STAFF, paper("nobody-here", today.toString()));
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(json(nobody).path("field").asText()).isEqualTo("username");
        Map<String, Object> noWitness = paper("member6", today.toString());
        noWitness.remove("witness");
        HttpResponse<String> unwitnessed = api.postJson("/api/v1/acknowledgements/paper", STAFF, noWitness);
        assertThat(json(unwitnessed).path("field").asText()).isEqualTo("witness");
    }
}
