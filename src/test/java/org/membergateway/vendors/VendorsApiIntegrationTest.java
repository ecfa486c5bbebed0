package org.membergateway.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.exports.ExtractAgreements;
import org.membergateway.policy.AgreementFact;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.KeyFixtures;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Vendors over real HTTP on embedded PostgreSQL (README, Vendors): agreements checked against their
 * service's profile and pinned to a real GnuPG key, extracts decided on the agreement and approved
 * by the executive director, a new key only through a new agreement, destruction attestations.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class VendorsApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-8";
    static final ZoneId UNION_ZONE = ZoneId.of("America/Los_Angeles");
    static final List<String> MAIL_FIELDS = List.of("first_name", "last_name", "home_street", "home_city", "home_state",
            "home_zip");

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String STAFF = basic("staff8", "staff-eight-password");
    static final String DIRECTOR = basic("ed8", "exec-director-eight-pw");
    static final String AUDITOR = basic("auditor8", "auditor-eight-password");
    static ApiClient api;
    static Jdbi superuser;
    static Jdbi app;
    static GnuPg gpg;
    static Key mailKey;
    static Key secondKey;
    static Key shortLivedKey;

    record Key(String fingerprint, String armored) {
    }


    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        String url = APP.getConfiguration().getDatabase().getUrl();
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(url, "postgres"));
        app = GatewayDatabase.jdbi(TestDatabases.dataSource(url, TestDatabases.APP_ROLE));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        TestPeople.create(api, ADMIN, "staff8", "Staff Eight", "staff-eight-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "ed8", "Executive Director Eight", "exec-director-eight-pw", "EXECUTIVE_DIRECTOR", null);
        TestPeople.create(api, ADMIN, "auditor8", "Auditor Eight", "auditor-eight-password", "AUDITOR", null);
        TestPeople.acknowledgeEverything(api, acknowledgements(), STAFF, "Staff Eight");
        TestPeople.acknowledgeEverything(api, acknowledgements(), DIRECTOR, "Executive Director Eight");
        gpg = GnuPg.inTemporaryHome();
        mailKey = generateKey("Capitol Mailing <pgp@capitol-mailing.example>", "2y");
        secondKey = generateKey("Capitol Mailing 2027 <pgp2027@capitol-mailing.example>", "3y");
        shortLivedKey = generateKey("Short Lived <short@example.org>", "3d");
    }

    @AfterAll
    static void tearDown() {
        gpg.close();
    }

    static Key generateKey(String userId, String expiry) {
        String fingerprint = gpg.generateKey(userId, "future-default", "default", expiry);
        return new Key(fingerprint, gpg.exportPublicKey(fingerprint));
    }

    static org.membergateway.acknowledgements.AcknowledgementService acknowledgements() {
        return APP.<GatewayApplication>getApplication().services().acknowledgements();
    }

    static LocalDate today() {
        return LocalDate.now(UNION_ZONE);
    }

    static Map<String, Object> agreement(String service, List<String> fields, LocalDate from, LocalDate until, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("allowedFields", fields);
        body.put("validFrom", from.toString());
        body.put("validUntil", until.toString());
        body.put("openpgpPublicKey", key);
        return body;
    }

    static Map<String, Object> vendor(String name, String service, List<String> fields, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.putAll(agreement(service, fields, today().minusDays(1), today().plusYears(1), key));
        return body;
    }

    static JsonNode createVendor(Map<String, Object> body) {
        HttpResponse<String> created = api.postJson("/api/v1/vendors", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    static JsonNode mailHouse(String name) {
        return createVendor(vendor(name, "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored()));
    }

    static Map<String, Object> extract(List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        // A mail house gets represented workers: a list of MEMBERS would tell it who is a member (confidentiality §4).
        body.put("audience", "REPRESENTED_WORKERS");
        body.put("fields", fields);
        return body;
    }

    static long approvedExtract(long vendorId) {
        HttpResponse<String> requested = api.postJson("/api/v1/vendors/" + vendorId + "/extracts", STAFF, extract(MAIL_FIELDS));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        long id = json(requested).path("id").asLong();
        HttpResponse<String> approved = api.postJson("/api/v1/list-requests/" + id + "/approval", DIRECTOR,
                Map.of("approve", true, "note", "Mailing for the bargaining survey"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        return id;
    }

    static long count(String sql, Object... args) {
        return superuser.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    // ---- creating vendors ------------------------------------------------------------------

    @Test
    void aVendorIsCreatedWithItsAgreementAndAnApiKeyThatWorks() {
        JsonNode created = mailHouse("Capitol Mailing Services");
        long id = created.path("id").asLong();
        String apiKey = created.path("apiKey").asText();
        assertThat(apiKey).startsWith("mgw_");
        assertThat(created.path("openpgpFingerprint").asText()).isEqualTo(mailKey.fingerprint());
        long agreementId = created.path("agreementId").asLong();
        assertThat(created.path("agreement").path("id").asLong()).isEqualTo(agreementId);
        assertThat(created.path("agreement").path("signedForUnionBy").asText()).isEqualTo("admin");
        assertThat(created.path("agreement").path("purpose").asText()).startsWith("Printing and mailing");
        assertThat(created.path("agreement").path("membershipStatusRequired").asBoolean()).isFalse();
        assertThat(created.path("agreement").path("inForce").asBoolean()).isTrue();

        HttpResponse<String> me = api.get("/api/v1/vendor/me", bearer(apiKey));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("vendorId").asLong()).isEqualTo(id);

        for (String reader : List.of(ADMIN, STAFF, AUDITOR)) {
            HttpResponse<String> shown = api.get("/api/v1/vendors/" + id, reader);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).doesNotContain(apiKey).doesNotContainIgnoringCase("digest")
                    .doesNotContain("BEGIN PGP");
            JsonNode agreement = json(shown).path("agreements").get(0);
            assertThat(agreement.path("allowedFields")).extracting(JsonNode::asText).containsExactlyElementsOf(MAIL_FIELDS);
            assertThat(agreement.path("openpgpFingerprint").asText()).isEqualTo(mailKey.fingerprint());
        }
        assertThat(api.get("/api/v1/vendors/" + id, DIRECTOR).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/vendors/999999", STAFF).statusCode()).isEqualTo(404);

        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND actor = 'admin'"
                + " AND target = ? AND decision = 'CREATED'", "vendor:" + id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND target = ?",
                "vendor:" + id + "/agreement:" + agreementId + "/openpgp-key:" + mailKey.fingerprint())).isEqualTo(1);
        String stored = superuser.withHandle(h -> h.createQuery("SELECT encode(api_key_digest, 'hex') FROM vendors WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(stored).hasSize(64).doesNotContain(apiKey);
    }

    @Test
    void aRotatedKeyReplacesTheOldOneAtOnceAndARevokedKeyIsRefusedAtOnce() {
        JsonNode created = mailHouse("Rotating Mailer");
        long id = created.path("id").asLong();
        String first = created.path("apiKey").asText();
        String path = "/api/v1/vendors/" + id + "/api-key";
        assertThat(api.get("/api/v1/vendor/me", bearer(first)).statusCode()).isEqualTo(200);
        for (String notAdmin : List.of(STAFF, AUDITOR, DIRECTOR)) {
            assertThat(api.postJson(path, notAdmin, Map.of()).statusCode()).isEqualTo(403);
            assertThat(api.delete(path, notAdmin).statusCode()).isEqualTo(403);
        }
        assertThat(api.postJson("/api/v1/vendors/999999/api-key", ADMIN, Map.of()).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/vendor/me", bearer(first)).statusCode()).isEqualTo(200);

        HttpResponse<String> rotated = api.postJson(path, ADMIN, Map.of());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String second = json(rotated).path("apiKey").asText();
        assertThat(second).startsWith("mgw_").isNotEqualTo(first);
        assertThat(json(rotated).path("vendorId").asLong()).isEqualTo(id);
        assertThat(api.get("/api/v1/vendor/me", bearer(first)).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/vendor/me", bearer(second)).statusCode()).isEqualTo(200);
        HttpResponse<String> shown = api.get("/api/v1/vendors/" + id, ADMIN);
        assertThat(shown.body()).doesNotContain(first).doesNotContain(second);
        String stored = superuser.withHandle(h -> h.createQuery("SELECT encode(api_key_digest, 'hex') FROM vendors WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(stored).hasSize(64).doesNotContain(second);

        HttpResponse<String> revoked = api.delete(path, ADMIN);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).path("keyRevokedAt").isTextual()).isTrue();
        assertThat(api.get("/api/v1/vendor/me", bearer(second)).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/vendor/extracts", bearer(second)).statusCode()).isEqualTo(401);
        HttpResponse<String> again = api.delete(path, ADMIN);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").asText()).isEqualTo("NO_API_KEY");

        // A revoked vendor can be given a new key; the revoked ones stay refused.
        String third = json(api.postJson(path, ADMIN, Map.of())).path("apiKey").asText();
        assertThat(api.get("/api/v1/vendor/me", bearer(third)).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/vendor/me", bearer(second)).statusCode()).isEqualTo(401);
        assertThat(json(api.get("/api/v1/vendors/" + id, ADMIN)).path("keyRevokedAt").isNull()).isTrue();

        String target = "vendor:" + id + "/api-key";
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND actor = 'admin'"
                + " AND target = ? AND decision = 'ROTATED'", target)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND actor = 'admin'"
                + " AND target = ? AND decision = 'REVOKED'", target)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND actor = 'admin'"
                + " AND target = ? AND decision = 'ISSUED'", target)).isEqualTo(1);
        for (String key : List.of(first, second, third)) {
            assertThat(count("SELECT count(*) FROM audit_entries WHERE position(? in concat_ws(' ', actor, target, decision,"
                    + " reasons::text)) > 0", key.substring(4, 20))).isZero();
        }
    }

    @Test
    void onlyAdminsCreateVendors() {
        assertThat(api.postJson("/api/v1/vendors", STAFF, vendor("Nope", "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored()))
                .statusCode()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/vendors", null, vendor("Nope", "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored()))
                .statusCode()).isEqualTo(401);
    }

    record Bad(Map<String, Object> body, String field, String says) {
    }

    @Test
    void aBadAgreementIs400NamingTheField() throws IOException {
        String signOnly;
        try (InputStream in = getClass().getResourceAsStream("/directory/sign-only-public-key.asc")) {
            signOnly = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Map<String, Object> benefits = vendor("Carrier", "BENEFITS_CARRIER",
                List.of("member_id", "first_name", "last_name", "birth_date", "membership_status"), mailKey.armored());
        Map<String, Object> justifiedMail = vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored());
        justifiedMail.put("membershipStatusJustification", "because");
        Map<String, Object> backwards = vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored());
        backwards.put("validUntil", today().minusDays(5).toString());
        List<Bad> cases = List.of(
                new Bad(vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, "not a key"), "openpgpPublicKey", "ASCII-armored"),
                new Bad(vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, signOnly), "openpgpPublicKey", "encryption"),
                new Bad(vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, KeyFixtures.resource("rsa2048-public-key.asc")), "openpgpPublicKey",
                        "RSA-2048"),
                new Bad(vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, KeyFixtures.resource("dsa-elgamal-public-key.asc")), "openpgpPublicKey",
                        "DSA"),
                new Bad(vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, KeyFixtures.resource("sha1-self-signed-public-key.asc")),
                        "openpgpPublicKey", "SHA-1"),
                new Bad(vendor("Mail", "MAIL_HOUSE", MAIL_FIELDS, shortLivedKey.armored()), "openpgpPublicKey",
                        "whole agreement"),
                new Bad(vendor("Mail", "MAIL_HOUSE", List.of("first_name", "last_name", "birth_date", "home_phone"),
                        mailKey.armored()), "allowedFields[2]", "[birth_date, home_phone] are outside what MAIL_HOUSE needs"),
                new Bad(vendor("Mail", "MAIL_HOUSE", List.of("first_name", "membership_status"), mailKey.armored()),
                        "allowedFields[1]", "outside"),
                new Bad(benefits, "membershipStatusJustification", "confidentiality §4"),
                new Bad(justifiedMail, "membershipStatusJustification", "only with membership-status fields"),
                new Bad(vendor("Mail", "MAIL_HOUSE", List.of("first_name", "ssn"), mailKey.armored()), "allowedFields[1]",
                        "unknown field"),
                new Bad(vendor("Mail", "PRINT_SHOP", MAIL_FIELDS, mailKey.armored()), "service", "MAIL_HOUSE"),
                new Bad(vendor(" ", "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored()), "name", "required"),
                new Bad(backwards, "validUntil", "validFrom"));
        for (Bad bad : cases) {
            HttpResponse<String> response = api.postJson("/api/v1/vendors", ADMIN, bad.body());
            assertThat(response.statusCode()).as(bad.field() + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).isEqualTo(bad.field());
            assertThat(json(response).path("message").asText()).startsWith(bad.field() + ":").contains(bad.says());
        }
        assertThat(count("SELECT count(*) FROM vendors WHERE name IN ('Mail', 'Carrier')")).isZero();
    }

    @Test
    void aBenefitsCarrierGetsMembershipStatusWithAJustification() {
        Map<String, Object> body = vendor("Union Plus Insurance", "BENEFITS_CARRIER",
                List.of("member_id", "first_name", "last_name", "birth_date", "membership_status"), mailKey.armored());
        body.put("membershipStatusJustification", "eligibility for member-only benefit");
        JsonNode created = createVendor(body);
        assertThat(created.path("agreement").path("membershipStatusRequired").asBoolean()).isTrue();
        assertThat(created.path("agreement").path("membershipStatusJustification").asText())
                .isEqualTo("eligibility for member-only benefit");
        assertThat(created.path("agreement").path("allowedFields")).extracting(JsonNode::asText)
                .containsExactly("member_id", "first_name", "last_name", "membership_status", "birth_date");
    }

    // ---- extracts --------------------------------------------------------------------------

    @Test
    void aMailHouseExtractWaitsForTheExecutiveDirectorAndOnlyHasTheAgreementsFields() {
        long vendorId = mailHouse("Beaver State Mail").path("id").asLong();

        HttpResponse<String> requested = api.postJson("/api/v1/vendors/" + vendorId + "/extracts", STAFF, extract(MAIL_FIELDS));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        JsonNode pending = json(requested);
        assertThat(pending.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.path("purpose").asText()).isEqualTo("VENDOR_SERVICE");
        assertThat(pending.path("approvers")).extracting(a -> a.path("role").asText())
                .contains("EXECUTIVE_DIRECTOR", "DESIGNEE");
        long id = pending.path("id").asLong();
        assertThat(count("SELECT count(*) FROM list_requests WHERE id = ? AND vendor_id = ? AND agreement_id IS NOT NULL",
                id, vendorId)).isEqualTo(1);

        HttpResponse<String> birthDate = api.postJson("/api/v1/vendors/" + vendorId + "/extracts", STAFF,
                extract(List.of("first_name", "last_name", "birth_date")));
        assertThat(birthDate.statusCode()).isEqualTo(403);
        assertThat(json(birthDate).path("status").asText()).isEqualTo("DENIED");
        assertThat(json(birthDate).path("reasons")).extracting(r -> r.path("rule").asText())
                .containsExactly("FIELD_NOT_IN_AGREEMENT");
        assertThat(json(birthDate).path("reasons").get(0).path("message").asText()).contains("birth_date");

        HttpResponse<String> approved = api.postJson("/api/v1/list-requests/" + id + "/approval", DIRECTOR,
                Map.of("approve", true, "note", "Mailing for the bargaining survey"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asText()).isEqualTo("APPROVED");
        assertThat(json(approved).path("approval").path("approver").asText()).isEqualTo("ed8");

        assertThat(api.postJson("/api/v1/vendors/999999/extracts", STAFF, extract(MAIL_FIELDS)).statusCode()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/vendors/" + vendorId + "/extracts", ADMIN, extract(MAIL_FIELDS)).statusCode())
                .as("staff prepare extracts").isEqualTo(403);
        HttpResponse<String> malformed = api.postJson("/api/v1/vendors/" + vendorId + "/extracts", STAFF,
                Map.of("scope", Map.of("type", "LOCAL", "id", "L083"), "audience", "EVERYONE", "fields", MAIL_FIELDS));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("field").asText()).isEqualTo("audience");
    }

    @Test
    void anExpiredEndedOrNotYetValidAgreementAllowsNoExtract() {
        long expired = superuser.withHandle(h -> {
            long vendorId = h.createUpdate("INSERT INTO vendors (name) VALUES ('Old Mailer')")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO vendor_agreements (vendor_id, service, allowed_fields, purpose, valid_from, valid_until,
                                openpgp_public_key, openpgp_fingerprint, signed_for_union_by, membership_status_required)
                            VALUES (:v, 'MAIL_HOUSE', :f, 'Mailing', :from, :until, :k, :fpr, 'admin', false)""")
                    .bind("v", vendorId).bind("f", MAIL_FIELDS.toArray(new String[0]))
                    .bind("from", today().minusYears(1)).bind("until", today().minusDays(3))
                    .bind("k", mailKey.armored()).bind("fpr", mailKey.fingerprint()).execute();
            return vendorId;
        });
        HttpResponse<String> denied = api.postJson("/api/v1/vendors/" + expired + "/extracts", STAFF, extract(MAIL_FIELDS));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).path("reasons")).extracting(r -> r.path("rule").asText()).containsExactly("AGREEMENT_INVALID");
        assertThat(json(denied).path("reasons").get(0).path("message").asText()).contains(today().minusDays(3).toString());

        JsonNode ended = mailHouse("Ended Mailer");
        long endedId = ended.path("id").asLong();
        HttpResponse<String> end = api.post("/api/v1/vendors/" + endedId + "/agreements/" + ended.path("agreementId").asLong()
                + "/end", ADMIN, "application/json", "");
        assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
        assertThat(json(end).path("active").asBoolean()).isFalse();
        denied = api.postJson("/api/v1/vendors/" + endedId + "/extracts", STAFF, extract(MAIL_FIELDS));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).path("reasons").get(0).path("rule").asText()).isEqualTo("AGREEMENT_INVALID");
        assertThat(json(denied).path("reasons").get(0).path("message").asText()).contains("has been ended");

        Map<String, Object> future = vendor("Future Mailer", "MAIL_HOUSE", MAIL_FIELDS, mailKey.armored());
        future.put("validFrom", today().plusDays(30).toString());
        long futureId = createVendor(future).path("id").asLong();
        denied = api.postJson("/api/v1/vendors/" + futureId + "/extracts", STAFF, extract(MAIL_FIELDS));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).path("reasons").get(0).path("rule").asText()).isEqualTo("AGREEMENT_INVALID");
    }

    // ---- a new key only with a new agreement ------------------------------------------------

    @Test
    void aDifferentKeyComesOnlyWithANewAgreementThatEndsTheOldOne() {
        JsonNode created = mailHouse("Rotating Mailer");
        long vendorId = created.path("id").asLong();
        long first = created.path("agreementId").asLong();

        HttpResponse<String> renewed = api.postJson("/api/v1/vendors/" + vendorId + "/agreements", ADMIN,
                agreement("MAIL_HOUSE", MAIL_FIELDS, today(), today().plusYears(2), secondKey.armored()));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(201);
        long second = json(renewed).path("id").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(json(renewed).path("openpgpFingerprint").asText()).isEqualTo(secondKey.fingerprint());

        JsonNode vendor = json(api.get("/api/v1/vendors/" + vendorId, STAFF));
        JsonNode newest = vendor.path("agreements").get(0);
        JsonNode old = vendor.path("agreements").get(1);
        assertThat(newest.path("id").asLong()).isEqualTo(second);
        assertThat(newest.path("active").asBoolean()).isTrue();
        assertThat(old.path("id").asLong()).isEqualTo(first);
        assertThat(old.path("active").asBoolean()).isFalse();
        assertThat(old.path("endedBy").asText()).isEqualTo("admin");
        assertThat(old.path("supersededBy").asLong()).isEqualTo(second);
        assertThat(old.path("openpgpFingerprint").asText()).as("the old agreement keeps its key").isEqualTo(mailKey.fingerprint());

        // What the export builder reads: the current agreement, and the key each agreement pinned.
        ExtractAgreements extractAgreements = new VendorExtractAgreements(app);
        AgreementFact current = app.withExtension(VendorAgreementDao.class, dao -> dao.current(vendorId)).orElseThrow().fact();
        assertThat(current.id()).isEqualTo(second);
        assertThat(current.inForceOn(today())).isTrue();
        assertThat(extractAgreements.pinnedKey(second)).hasValue(secondKey.armored());
        assertThat(app.withExtension(VendorAgreementDao.class, dao -> dao.pinned(second)).orElseThrow()
                .recipient(java.time.Instant.now()).fingerprint()).isEqualTo(secondKey.fingerprint());
        assertThat(app.withExtension(VendorAgreementDao.class, dao -> dao.pinned(first)).orElseThrow().fingerprint())
                .isEqualTo(mailKey.fingerprint());
        assertThat(extractAgreements.agreement(first).orElseThrow().active()).isFalse();
        assertThat(extractAgreements.agreement(second).orElseThrow().allowedFields()).containsExactlyInAnyOrderElementsOf(MAIL_FIELDS);
        assertThat(extractAgreements.anyInForce(vendorId, today())).isTrue();
        Optional<AgreementView> none = app.withExtension(VendorAgreementDao.class, dao -> dao.current(999_999));
        assertThat(none).isEmpty();
        long id = approvedExtract(vendorId);
        assertThat(count("SELECT agreement_id FROM list_requests WHERE id = ?", id)).isEqualTo(second);

        // No endpoint swaps a key in place, and the database refuses it even to its owner.
        assertThat(api.put("/api/v1/vendors/" + vendorId + "/agreements/" + second, ADMIN, "application/json",
                "{\"openpgpPublicKey\":\"x\"}").statusCode()).isIn(404, 405);
        assertThatThrownBy(() -> app.useHandle(h -> h.execute(
                "UPDATE vendor_agreements SET openpgp_fingerprint = ? WHERE id = ?", mailKey.fingerprint(), second)))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> superuser.useHandle(h -> h.execute(
                "UPDATE vendor_agreements SET openpgp_public_key = ?, openpgp_fingerprint = ? WHERE id = ?",
                mailKey.armored(), mailKey.fingerprint(), second)))
                .hasMessageContaining("never change");
        assertThatThrownBy(() -> superuser.useHandle(h -> h.execute("UPDATE vendor_agreements SET active = true,"
                + " ended_at = NULL, ended_by = NULL WHERE id = ?", first)))
                .hasMessageContaining("stays ended");
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("DELETE FROM vendor_agreements WHERE id = ?", first)))
                .hasMessageContaining("permission denied");
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND target = ?"
                + " AND decision = 'SUPERSEDED'", "vendor:" + vendorId + "/agreement:" + first)).isEqualTo(1);
    }

    @Test
    void anExtractsExportIsEncryptedToItsAgreementsPinnedKeyAndNotOnceTheAgreementEnded() {
        long vendorId = mailHouse("Exported Mailer").path("id").asLong();
        long extract = approvedExtract(vendorId);
        HttpResponse<String> passphrase = api.postJson("/api/v1/list-requests/" + extract + "/exports", STAFF,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(passphrase.statusCode()).as(passphrase.body()).isEqualTo(400);
        HttpResponse<String> exported = api.postJson("/api/v1/list-requests/" + extract + "/exports", STAFF,
                Map.of("encryption", "RECIPIENT_KEY"));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(201);
        String fingerprint = superuser.withHandle(h -> h.createQuery(
                "SELECT recipient_fingerprint FROM exports WHERE request_id = :r").bind("r", extract).mapTo(String.class).one());
        assertThat(fingerprint).isEqualTo(mailKey.fingerprint());

        HttpResponse<String> renewed = api.postJson("/api/v1/vendors/" + vendorId + "/agreements", ADMIN,
                agreement("MAIL_HOUSE", MAIL_FIELDS, today(), today().plusYears(1), secondKey.armored()));
        assertThat(renewed.statusCode()).isEqualTo(201);
        HttpResponse<String> afterEnd = api.postJson("/api/v1/list-requests/" + extract + "/exports", STAFF,
                Map.of("encryption", "RECIPIENT_KEY"));
        assertThat(afterEnd.statusCode()).as("made under the old agreement, which has ended").isEqualTo(403);
        assertThat(afterEnd.body()).contains("AGREEMENT_INVALID");
    }

    @Test
    void aVendorPullsItsMailHouseExtractAndGpgDecryptsOnlyNamesAndMailingAddresses() throws IOException {
        JsonNode vendorA = mailHouse("Pulling Mailer");
        String keyA = bearer(vendorA.path("apiKey").asText());
        long extract = approvedExtract(vendorA.path("id").asLong());
        HttpResponse<String> exported = api.postJson("/api/v1/list-requests/" + extract + "/exports", STAFF,
                Map.of("encryption", "RECIPIENT_KEY"));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(201);

        JsonNode listed = json(api.get("/api/v1/vendor/extracts", keyA));
        assertThat(listed).extracting(e -> e.path("id").asLong()).contains(extract);
        HttpResponse<byte[]> pulled = api.getBytes("/api/v1/vendor/extracts/" + extract + "/content", keyA);
        assertThat(pulled.statusCode()).isEqualTo(200);
        gpg.run(api.get("/api/v1/keys/openpgp", null).body().getBytes(StandardCharsets.UTF_8), "--import");
        java.nio.file.Path message = Files.createTempFile(gpg.home(), "extract", ".gpg");
        java.nio.file.Path plain = gpg.home().resolve("extract-" + extract + ".csv");
        Files.write(message, pulled.body());
        GnuPg.Result decrypted = gpg.run(null, "--output", plain.toString(), "--decrypt", message.toString());
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        assertThat(decrypted.stderr()).contains("DECRYPTION_OKAY").contains("GOODMDC").contains("VALIDSIG");
        List<String> lines = Files.readAllLines(plain);
        assertThat(lines.get(0)).isEqualTo(String.join(",", MAIL_FIELDS));
        assertThat(lines.get(0)).doesNotContain("membership_status").doesNotContain("birth_date");
        // The extract's scope holds no member here, so it is its header alone: seed records are made of a
        // list's own members, and an empty list gets none.
        assertThat(lines).allMatch(line -> line.split(",", -1).length == MAIL_FIELDS.size());
        assertThat(json(exported).path("rows").asLong()).isEqualTo(lines.size() - 1);

        // Vendor B neither sees nor fetches vendor A's extract.
        String keyB = bearer(mailHouse("Other Mailer").path("apiKey").asText());
        assertThat(json(api.get("/api/v1/vendor/extracts", keyB))).extracting(e -> e.path("id").asLong()).doesNotContain(extract);
        assertThat(api.getBytes("/api/v1/vendor/extracts/" + extract + "/content", keyB).statusCode()).isEqualTo(404);

        // Once A's agreement is ended, A pulls nothing.
        long agreementId = vendorA.path("agreementId").asLong();
        HttpResponse<String> ended = api.postJson("/api/v1/vendors/" + vendorA.path("id").asLong() + "/agreements/"
                + agreementId + "/end", ADMIN, Map.of());
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        HttpResponse<byte[]> afterEnd = api.getBytes("/api/v1/vendor/extracts/" + extract + "/content", keyA);
        assertThat(afterEnd.statusCode()).isEqualTo(403);
        assertThat(new String(afterEnd.body(), StandardCharsets.UTF_8)).contains("AGREEMENT_INVALID");
        HttpResponse<String> listAfterEnd = api.get("/api/v1/vendor/extracts", keyA);
        assertThat(listAfterEnd.statusCode()).isEqualTo(403);
    }

    @Test
    void aHeadOnAnExtractIsRefusedAndUsesNoDownload() {
        JsonNode vendor = mailHouse("Head Mailer");
        String key = bearer(vendor.path("apiKey").asText());
        long extract = approvedExtract(vendor.path("id").asLong());
        HttpResponse<String> exported = api.postJson("/api/v1/list-requests/" + extract + "/exports", STAFF,
                Map.of("encryption", "RECIPIENT_KEY"));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(201);
        String exportId = json(exported).path("id").asText();
        String path = "/api/v1/vendor/extracts/" + extract + "/content";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> head = api.head(path, key);
            assertThat(head.statusCode()).isEqualTo(405);
            assertThat(head.headers().firstValue("Allow")).hasValue("GET");
        }
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND decision = 'DOWNLOADED' AND target = ?",
                "export:" + exportId)).isZero();
        assertThat(api.getBytes(path, key).statusCode()).isEqualTo(200);
    }

    // ---- destruction attestations -------------------------------------------------------------

    @Test
    void vendorsAttestDestructionOfTheirOwnExtractsAndOverdueOnesAreListed() {
        JsonNode mine = mailHouse("Attesting Mailer");
        long vendorId = mine.path("id").asLong();
        String key = mine.path("apiKey").asText();
        String otherKey = mailHouse("Other Mailer").path("apiKey").asText();
        long extract = approvedExtract(vendorId);
        long overdue = approvedExtract(vendorId);
        superuser.useHandle(h -> {
            h.execute("UPDATE list_requests SET created_at = now() - interval '41 days' WHERE id IN (?, ?)", extract, overdue);
            h.execute("UPDATE list_request_approvals SET decided_at = now() - interval '40 days' WHERE request_id IN (?, ?)",
                    extract, overdue);
        });

        Map<String, Object> body = Map.of("destroyedOn", today().toString(), "method", "shred -u; printouts cross-cut",
                "note", "Mailing done");
        assertThat(api.postJson("/api/v1/vendor/extracts/" + extract + "/destruction", bearer(otherKey), body).statusCode())
                .as("another vendor's extract").isEqualTo(404);
        assertThat(api.postJson("/api/v1/vendor/extracts/999999/destruction", bearer(key), body).statusCode()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/vendor/extracts/" + extract + "/destruction", STAFF, body).statusCode())
                .as("people use the staff endpoint").isEqualTo(401);
        HttpResponse<String> future = api.postJson("/api/v1/vendor/extracts/" + extract + "/destruction", bearer(key),
                Map.of("destroyedOn", today().plusDays(2).toString(), "method", "shred"));
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(json(future).path("field").asText()).isEqualTo("destroyedOn");

        HttpResponse<String> attested = api.postJson("/api/v1/vendor/extracts/" + extract + "/destruction", bearer(key), body);
        assertThat(attested.statusCode()).as(attested.body()).isEqualTo(201);
        assertThat(json(attested).path("attestedBy").asText()).isEqualTo("vendor:" + vendorId);
        assertThat(json(attested).path("listRequestId").asLong()).isEqualTo(extract);
        assertThat(api.postJson("/api/v1/vendor/extracts/" + extract + "/destruction", bearer(key), body).statusCode())
                .as("one attestation per extract").isEqualTo(409);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'EXTRACT_DESTRUCTION_ATTESTED' AND actor = ?"
                + " AND target = ?", "vendor:" + vendorId, "list-request:" + extract)).isEqualTo(1);

        for (String reader : List.of(STAFF, AUDITOR)) {
            HttpResponse<String> listed = api.get("/api/v1/vendors/attestations/overdue", reader);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(json(listed).path("dueAfterDays").asLong()).isEqualTo(30);
            assertThat(json(listed).path("extracts")).extracting(e -> e.path("listRequestId").asLong())
                    .contains(overdue).doesNotContain(extract);
        }
        assertThat(api.get("/api/v1/vendors/attestations/overdue", ADMIN).statusCode()).isEqualTo(403);

        HttpResponse<String> tooEarly = api.postJson("/api/v1/vendors/" + vendorId + "/extracts/" + overdue + "/destruction",
                STAFF, Map.of("destroyedOn", today().minusDays(60).toString(), "method", "Signed paper statement on file"));
        assertThat(tooEarly.statusCode()).as("destroyed before it was requested").isEqualTo(400);
        assertThat(api.postJson("/api/v1/vendors/" + (vendorId + 1000) + "/extracts/" + overdue + "/destruction",
                STAFF, Map.of("destroyedOn", today().toString(), "method", "x")).statusCode()).isEqualTo(404);
        HttpResponse<String> onBehalf = api.postJson("/api/v1/vendors/" + vendorId + "/extracts/" + overdue + "/destruction",
                STAFF, Map.of("destroyedOn", today().minusDays(1).toString(), "method", "Signed paper statement on file"));
        assertThat(onBehalf.statusCode()).as(onBehalf.body()).isEqualTo(201);
        assertThat(json(onBehalf).path("attestedBy").asText()).isEqualTo("staff8");
        assertThat(json(api.get("/api/v1/vendors/attestations/overdue", STAFF)).path("extracts"))
                .extracting(e -> e.path("listRequestId").asLong()).doesNotContain(overdue);

        HttpResponse<String> pending = api.postJson("/api/v1/vendors/" + vendorId + "/extracts", STAFF, extract(MAIL_FIELDS));
        long pendingId = json(pending).path("id").asLong();
        assertThat(api.postJson("/api/v1/vendor/extracts/" + pendingId + "/destruction", bearer(key), body).statusCode())
                .as("nothing was released yet").isEqualTo(409);
        // The purge may delete attestations, but only once the retention schedule's five years are over.
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("DELETE FROM extract_destructions")))
                .hasMessageContaining("kept for 5 years");
        assertThatThrownBy(() -> superuser.useHandle(h -> h.execute("UPDATE extract_destructions SET method = 'x'")))
                .hasMessageContaining("append-only");
    }
}
