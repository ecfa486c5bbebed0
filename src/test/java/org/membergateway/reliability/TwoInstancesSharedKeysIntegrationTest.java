package org.membergateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditVerification;
import org.membergateway.audit.AuditVerifier;
import org.membergateway.crypto.SignedNote;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.TestPostgres;
import org.membergateway.testing.UnionFixture;

/**
 * Issue 17's "must show": two gateway instances started with nothing in common but the database
 * URL and GATEWAY_MASTER_KEY (each its own, empty data directory) sign one audit chain with one
 * checkpoint key, which one verifier key verifies; a vendor API key made on one works on the
 * other; an export built on one downloads and decrypts from the other; and the checkpoint job
 * signed each tree size once although both instances ran it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoInstancesSharedKeysIntegrationTest {

    static final String ADMIN_PASSWORD = "shared-keys-admin-pw";
    static final String URL = TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE);
    static final String MASTER_KEY = "hV3q0m2Jm3a4+Jf6C5y1xQ0t8rZpP9kL2wE7uN6bT4s=";
    static final String DIR_A = GatewayTestApp.tempDir("shared-keys-a");
    static final String DIR_B = GatewayTestApp.tempDir("shared-keys-b");

    static DropwizardAppExtension<GatewayConfiguration> instance(String dataDir) {
        return GatewayTestApp.sharing(URL, dataDir, ADMIN_PASSWORD,
                ConfigOverride.config("keys.masterKey", MASTER_KEY),
                ConfigOverride.config("exports.sweepEvery", "1h"),
                ConfigOverride.config("auth.argon2.memoryKiB", "1024"), ConfigOverride.config("auth.argon2.iterations", "1"));
    }

    static final DropwizardAppExtension<GatewayConfiguration> A = instance(DIR_A);
    static final DropwizardAppExtension<GatewayConfiguration> B = instance(DIR_B);

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String AUDITOR = basic("auditor17", "auditor-seventeen-pw");
    static final String PRESIDENT = basic("president17", "president-seventeen-pw");
    static ApiClient a;
    static ApiClient b;
    static Jdbi superuser;
    static GnuPg gpg;

    @BeforeAll
    static void setUp() {
        a = new ApiClient(A.getLocalPort());
        b = new ApiClient(B.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(URL, "postgres"));
        gpg = GnuPg.inTemporaryHome();
        UnionFixture.in(superuser).local("L117", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'K' || m, 'First' || m, 'Last' || m, 'L117', 'R3', 'STATE_AGENCIES', 'MEMBER', 'k' || m || '@example.org'
                FROM generate_series(1, 5) AS m"""));
        TestPeople.create(a, ADMIN, "auditor17", "Auditor Seventeen", "auditor-seventeen-pw", "AUDITOR", null);
        TestPeople.create(b, ADMIN, "president17", "President Seventeen", "president-seventeen-pw", "LOCAL_PRESIDENT", "L117");
        TestPeople.acknowledgeEverything(a, A.<GatewayApplication>getApplication().services().acknowledgements(), PRESIDENT,
                "President Seventeen");
    }

    @AfterAll
    static void tearDown() {
        gpg.close();
    }

    /** The instance's audit service, as its lifecycle manages it (tests sign checkpoints on purpose). */
    static AuditService audit(DropwizardAppExtension<GatewayConfiguration> app) {
        for (LifeCycle managed : app.getEnvironment().lifecycle().getManagedObjects()) {
            if (managed instanceof io.dropwizard.lifecycle.JettyManaged jetty && jetty.getManaged() instanceof AuditService s) {
                return s;
            }
        }
        throw new AssertionError("no AuditService managed");
    }

    @Test
    void bothInstancesUseTheKeysInTheDatabaseAndKeepNoneOfThemInTheirDataDirectories() {
        String verifierKey = a.get("/api/v1/audit/verifier-key", null).body().strip();
        assertThat(b.get("/api/v1/audit/verifier-key", null).body().strip()).isEqualTo(verifierKey);
        for (String dir : List.of(DIR_A, DIR_B)) {
            assertThat(Files.exists(Path.of(dir).resolve(AuditService.KEY_FILE))).as(dir).isFalse();
            assertThat(Files.exists(Path.of(dir, "keys", "api-key-secret"))).as(dir).isFalse();
            assertThat(Files.exists(Path.of(dir, "keys", "export-wrapping.keyset"))).as(dir).isFalse();
        }
        assertThat(count("SELECT count(*) FROM sealed_keys")).as("checkpoint key, API-key secret, export wrapping").isEqualTo(3);
        // Made once, by the first instance, and recorded without any key material.
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'CHECKPOINT' AND decision = 'KEY_CREATED'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'KEY_ROTATION' AND decision = 'CREATED'"))
                .isEqualTo(2);
    }

    @Test
    void checkpointsSignedByEitherInstanceVerifyWithOneVerifierKeyInOneChain() {
        String verifierKey = a.get("/api/v1/audit/verifier-key", null).body().strip();
        for (int round = 0; round < 3; round++) {
            for (DropwizardAppExtension<GatewayConfiguration> app : List.of(A, B)) {
                ApiClient on = app == A ? a : b;
                assertThat(on.get("/api/v1/audit/verification", AUDITOR).statusCode()).isEqualTo(200);
                assertThat(audit(app).checkpointNow()).isPresent();
            }
        }
        long size = count("SELECT count(*) FROM audit_entries");
        assertThat(count("SELECT max(tree_size) FROM audit_checkpoints")).isEqualTo(size);
        assertThat(count("SELECT count(DISTINCT key_hash) FROM audit_checkpoints")).as("one signing key").isEqualTo(1);

        // The auditor's check, with nothing but the verifier key the gateway publishes.
        AuditVerification result = new AuditVerifier(superuser, A.getConfiguration().getAudit().getOrigin(),
                List.of(SignedNote.Verifier.parse(verifierKey))).verify(List.of());
        assertThat(result.valid()).as(String.valueOf(result.reason())).isTrue();
        assertThat(result.checkpoints()).isGreaterThanOrEqualTo(6);
        for (ApiClient on : List.of(a, b)) {
            HttpResponse<String> verified = on.get("/api/v1/audit/verification", AUDITOR);
            assertThat(json(verified).path("valid").asBoolean()).as(verified.body()).isTrue();
        }
    }

    @Test
    void aVendorApiKeyMadeOnOneInstanceWorksOnTheOther() {
        String fingerprint = gpg.generateKey("Shared Keys Mailer <pgp@mailer.example>", "future-default", "default", "2y");
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("name", "Shared Keys Mailer");
        vendor.put("service", "MAIL_HOUSE");
        vendor.put("allowedFields", List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip"));
        vendor.put("validFrom", LocalDate.now().minusDays(1).toString());
        vendor.put("validUntil", LocalDate.now().plusYears(1).toString());
        vendor.put("openpgpPublicKey", gpg.exportPublicKey(fingerprint));
        HttpResponse<String> created = a.postJson("/api/v1/vendors", ADMIN, vendor);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = bearer(json(created).path("apiKey").asText());

        assertThat(b.get("/api/v1/vendor/me", key).statusCode()).isEqualTo(200);
        assertThat(a.get("/api/v1/vendor/me", key).statusCode()).isEqualTo(200);
        assertThat(b.get("/api/v1/vendor/me", key.substring(0, key.length() - 1) + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void anExportBuiltOnOneInstanceDownloadsAndDecryptsFromTheOther() {
        HttpResponse<String> asked = b.postJson("/api/v1/list-requests", PRESIDENT, Map.of("purpose", "LOCAL_COMMUNICATION",
                "scope", Map.of("type", "LOCAL", "id", "L117"), "audience", "MEMBERS", "channel", "EMAIL",
                "fields", List.of("first_name", "home_email"), "justification", "Shared keys check"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        long request = json(asked).path("id").asLong();
        HttpResponse<String> built = a.postJson("/api/v1/list-requests/" + request + "/exports", PRESIDENT,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
        JsonNode export = json(built);

        // Signed by the OpenPGP key of the instance that built it: that key is still each instance's own.
        gpg.importKey(a.get("/api/v1/keys/openpgp", null).body());
        HttpResponse<byte[]> downloaded = b.getBytes("/api/v1/exports/" + export.path("id").asText(), PRESIDENT);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        GnuPg.Result decrypted = gpg.run(downloaded.body(), "--pinentry-mode", "loopback", "--passphrase",
                export.path("passphrase").asText(), "--decrypt");
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(decrypted.statusHas("GOODSIG")).as(decrypted.stderr()).isTrue();
        // The five members (and the seed records planted for leak tracing, which vary in number).
        assertThat(decrypted.stdout()).startsWith("first_name,home_email");
        for (int m = 1; m <= 5; m++) {
            assertThat(decrypted.stdout()).contains("First" + m + ",k" + m + "@example.org");
        }
        assertThat(new String(downloaded.body(), StandardCharsets.ISO_8859_1)).doesNotContain("k3@example.org");
    }

    static long count(String sql) {
        return superuser.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
