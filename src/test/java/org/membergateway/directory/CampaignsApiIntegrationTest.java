package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Campaigns are not a standing pass, over real HTTP on embedded PostgreSQL: a campaign staff enter
 * waits for the appropriate officer (never its creator); the executive director's is active at
 * once; one longer than the configured maximum, or a selective one without classifications, is a
 * 400; a request under it must stay within its targets, and the export then holds only the targeted
 * members; ending it stops the requests already made under it from being exported.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CampaignsApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-7";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String STAFF = basic("staff1", "staff-1-password");
    static final String PRESIDENT83 = basic("president83", "president-83-password");
    static final String PRESIDENT84 = basic("president84", "president-84-password");
    static final String OFFICER83 = basic("officer83", "officer-83-password");
    static final String DIRECTOR3 = basic("director3", "director-3-password");
    static final String ED = basic("ed1", "executive-1-password");
    /** ADMIN and president of L085 at once (L083 has its president): enters campaigns, so may not approve the ones entered. */
    static final String ADMIN_PRESIDENT = basic("adminpres", "admin-pres-password");
    static final String OS2 = "Office Specialist 2";
    /** The union's calendar day (config/gateway.yml's zone), as campaigns count days. */
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Los_Angeles"));

    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "UNIVERSITIES")
                .local("L085", "R3", "STATE_AGENCIES");
        // 30 members of L083 in three classifications (10 each), all reachable by email.
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email, classification, worksite)
                SELECT 'M' || lpad(i::text, 4, '0'), 'First' || i, 'Last' || i, 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER',
                       'm' || i || '@example.org',
                       CASE i % 3 WHEN 0 THEN 'Office Specialist 2' WHEN 1 THEN 'Carpenter' ELSE 'Office Assistant 2' END,
                       'DMV Salem'
                FROM generate_series(1, 30) AS i"""));
        TestPeople.create(api, ADMIN, "staff1", "Test staff1", "staff-1-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "president83", "Test president83", "president-83-password", "LOCAL_PRESIDENT", "L083");
        TestPeople.create(api, ADMIN, "president84", "Test president84", "president-84-password", "LOCAL_PRESIDENT", "L084");
        TestPeople.create(api, ADMIN, "officer83", "Test officer83", "officer-83-password", "LOCAL_OFFICER", "L083");
        person("director3", "director-3-password", List.of("DIRECTOR"), List.of(), List.of("R3"));
        person("adminpres", "admin-pres-password", List.of("ADMIN", "LOCAL_PRESIDENT"), List.of("L085"), List.of());
        // Last: before the first executive director, authority grants are active at once (the bootstrap rule).
        TestPeople.create(api, ADMIN, "ed1", "Test ed1", "executive-1-password", "EXECUTIVE_DIRECTOR", null);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, PRESIDENT83, "Test president83");
        TestPeople.acknowledgeEverything(api, acknowledgements, OFFICER83, "Test officer83");
        gpg = GnuPg.trustingGateway(api);
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    private static void person(String username, String password, List<String> roles, List<String> locals,
                               List<String> regions) {
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, Map.of("username", username,
                "displayName", "Test " + username, "password", password, "roles", roles, "locals", locals,
                "regions", regions));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static Map<String, Object> campaign(String kind, String scopeType, String scopeId, LocalDate from, LocalDate to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", kind + " " + scopeId);
        body.put("kind", kind);
        body.put("scopeType", scopeType);
        body.put("scopeId", scopeId);
        body.put("startsOn", from.toString());
        body.put("endsOn", to.toString());
        return body;
    }

    static JsonNode create(String who, Map<String, Object> body) {
        HttpResponse<String> created = api.postJson("/api/v1/campaigns", who, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    static HttpResponse<String> decide(String who, long id, boolean approve) {
        return api.postJson("/api/v1/campaigns/" + id + "/approval", who, Map.of("approve", approve, "note", "checked"));
    }

    static Map<String, Object> outreach(long campaignId, String classification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "CAMPAIGN_OUTREACH");
        body.put("campaignId", campaignId);
        body.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("classification", classification);
        body.put("filters", filters);
        body.put("audience", "MEMBERS");
        body.put("channel", "EMAIL");
        body.put("fields", List.of("first_name", "last_name", "home_email", "classification"));
        body.put("justification", "Campaign outreach");
        return body;
    }

    static List<String> rules(HttpResponse<String> response) {
        List<String> rules = new ArrayList<>();
        json(response).path("reasons").forEach(r -> rules.add(r.path("rule").asText()));
        return rules;
    }

    static long audited(String target) {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries WHERE target = :target")
                .bind("target", target).mapTo(Long.class).one());
    }

    @Test
    void staffCampaignWaitsForTheAppropriateOfficerNeverItsCreator() {
        JsonNode created = create(STAFF, campaign("ORGANIZING", "LOCAL", "L083", TODAY, TODAY.plusDays(30)));
        long id = created.path("id").asLong();
        assertThat(created.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(created.path("owner").asText()).isEqualTo("staff1");
        assertThat(created.path("createdBy").asText()).isEqualTo("staff1");

        assertThat(decide(PRESIDENT84, id, true).statusCode()).as("another local's president").isEqualTo(403);
        assertThat(decide(DIRECTOR3, id, true).statusCode()).as("policies/campaigns.yml: not for a local").isEqualTo(403);
        assertThat(decide(STAFF, id, true).statusCode()).as("its creator").isEqualTo(403);
        assertThat(api.get("/api/v1/campaigns", PRESIDENT83).body()).as("not offered while pending")
                .doesNotContain("\"id\":" + id + ",");
        HttpResponse<String> approved = decide(PRESIDENT83, id, true);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(json(approved).path("approvedBy").asText()).isEqualTo("president83");
        assertThat(decide(PRESIDENT83, id, false).statusCode()).as("decided already").isEqualTo(409);
        assertThat(api.get("/api/v1/campaigns", PRESIDENT83).body()).contains("\"id\":" + id + ",");
        assertThat(audited("campaign:" + id)).as("created, approved").isEqualTo(2);

        // Someone who enters a campaign does not approve it, even holding the approver's role.
        long own = create(ADMIN_PRESIDENT, campaign("CONTRACT", "LOCAL", "L085", TODAY, TODAY.plusDays(10)))
                .path("id").asLong();
        HttpResponse<String> self = decide(ADMIN_PRESIDENT, own, true);
        assertThat(self.statusCode()).as(self.body()).isEqualTo(403);
        assertThat(json(self).path("message").asText()).contains("does not approve");
        HttpResponse<String> rejected = decide(ED, own, false);
        assertThat(rejected.statusCode()).as("the executive director decides any scope").isEqualTo(200);
        assertThat(json(rejected).path("status").asText()).isEqualTo("REJECTED");

        // A region's campaign is the region's director's; the executive director's own is active at once.
        long region = create(STAFF, campaign("ORGANIZING", "REGION", "R3", TODAY, TODAY.plusDays(10))).path("id").asLong();
        assertThat(decide(PRESIDENT83, region, true).statusCode()).isEqualTo(403);
        assertThat(json(decide(DIRECTOR3, region, true)).path("status").asText()).isEqualTo("ACTIVE");
        JsonNode statewide = create(ED, campaign("CAPE", "STATEWIDE", "ALL", TODAY, TODAY.plusDays(10)));
        assertThat(statewide.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(statewide.path("approvedBy").asText()).isEqualTo("ed1");
        assertThat(api.postJson("/api/v1/campaigns", OFFICER83, campaign("CAPE", "LOCAL", "L083", TODAY, TODAY))
                .statusCode()).isEqualTo(403);
        assertThat(decide(PRESIDENT83, 999_999, true).statusCode()).isEqualTo(404);
    }

    @Test
    void aCampaignLongerThanTheMaximumOrSelectiveWithoutClassificationsIsRefused() {
        HttpResponse<String> tooLong = api.postJson("/api/v1/campaigns", STAFF,
                campaign("ISSUE", "LOCAL", "L083", TODAY, TODAY.plusDays(365)));
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(json(tooLong).path("field").asText()).isEqualTo("endsOn");
        assertThat(json(tooLong).path("message").asText()).contains("365");
        create(STAFF, campaign("ISSUE", "LOCAL", "L083", TODAY, TODAY.plusDays(364)));
        HttpResponse<String> tenYears = api.postJson("/api/v1/campaigns", ED,
                campaign("CAPE", "STATEWIDE", "ALL", TODAY, TODAY.plusYears(10)));
        assertThat(tenYears.statusCode()).as("the executive director too").isEqualTo(400);

        HttpResponse<String> selective = api.postJson("/api/v1/campaigns", STAFF,
                campaign("SELECTIVE_CLASSIFICATION", "LOCAL", "L083", TODAY, TODAY.plusDays(30)));
        assertThat(selective.statusCode()).as(selective.body()).isEqualTo(400);
        assertThat(json(selective).path("field").asText()).isEqualTo("targets.classifications");
        Map<String, Object> empty = campaign("SELECTIVE_CLASSIFICATION", "LOCAL", "L083", TODAY, TODAY.plusDays(30));
        empty.put("targets", Map.of("classifications", List.of()));
        assertThat(api.postJson("/api/v1/campaigns", STAFF, empty).statusCode()).isEqualTo(400);
        Map<String, Object> badAudience = campaign("ORGANIZING", "LOCAL", "L083", TODAY, TODAY.plusDays(30));
        badAudience.put("targets", Map.of("audiences", List.of("EVERYONE")));
        HttpResponse<String> refused = api.postJson("/api/v1/campaigns", STAFF, badAudience);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("field").asText()).isEqualTo("targets.audiences[0]");
    }

    @Test
    void requestsStayWithinTheTargetsAndTheExportHoldsOnlyTargetedMembers() {
        Map<String, Object> body = campaign("SELECTIVE_CLASSIFICATION", "LOCAL", "L083", TODAY, TODAY.plusDays(60));
        body.put("targets", Map.of("classifications", List.of(OS2)));
        JsonNode created = create(STAFF, body);
        long id = created.path("id").asLong();
        assertThat(created.path("targets").path("classifications").get(0).asText()).isEqualTo(OS2);

        HttpResponse<String> pending = api.postJson("/api/v1/list-requests", PRESIDENT83, outreach(id, OS2));
        assertThat(pending.statusCode()).as("not approved yet: " + pending.body()).isEqualTo(403);
        assertThat(rules(pending)).containsExactly("CAMPAIGN_INVALID");
        assertThat(decide(PRESIDENT83, id, true).statusCode()).isEqualTo(200);

        HttpResponse<String> unfiltered = api.postJson("/api/v1/list-requests", PRESIDENT83, outreach(id, null));
        assertThat(unfiltered.statusCode()).as("would reach the whole local: " + unfiltered.body()).isEqualTo(403);
        assertThat(rules(unfiltered)).containsExactly("CAMPAIGN_INVALID");
        HttpResponse<String> other = api.postJson("/api/v1/list-requests", PRESIDENT83, outreach(id, "Carpenter"));
        assertThat(other.statusCode()).as("a classification outside the targets").isEqualTo(403);
        assertThat(rules(other)).containsExactly("CAMPAIGN_INVALID");

        HttpResponse<String> inside = api.postJson("/api/v1/list-requests", PRESIDENT83, outreach(id, OS2));
        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(201);
        long requestId = json(inside).path("id").asLong();
        HttpResponse<String> export = api.postJson("/api/v1/list-requests/" + requestId + "/exports", PRESIDENT83,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(201);
        String exportId = json(export).path("id").asText();
        HttpResponse<byte[]> download = api.getBytes("/api/v1/exports/" + exportId, PRESIDENT83);
        assertThat(download.statusCode()).isEqualTo(200);
        GnuPg.Result decrypted = decryptWithPassphrase(download.body(), json(export).path("passphrase").asText());
        assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
        List<String> lines = decrypted.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("first_name,last_name,home_email,classification");
        List<String> rows = lines.subList(1, lines.size());
        List<String> targeted = new ArrayList<>();
        for (int i = 3; i <= 30; i += 3) {
            targeted.add("First" + i + ",Last" + i + ",m" + i + "@example.org," + OS2);
        }
        long seeds = superuser.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM export_seeds WHERE export_id = CAST(:id AS uuid)")
                .bind("id", exportId).mapTo(Long.class).one());
        assertThat(rows).containsAll(targeted);
        assertThat(rows.size()).as("the ten targeted members and the planted seeds, nobody else")
                .isEqualTo(targeted.size() + seeds);
    }

    @Test
    void endingACampaignStopsExportsOfRequestsAlreadyMadeUnderIt() {
        long id = create(STAFF, campaign("ORGANIZING", "LOCAL", "L083", TODAY, TODAY.plusDays(30))).path("id").asLong();
        assertThat(decide(PRESIDENT83, id, true).statusCode()).isEqualTo(200);
        Map<String, Object> request = outreach(id, null);
        HttpResponse<String> approved = api.postJson("/api/v1/list-requests", PRESIDENT83, request);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);
        long approvedId = json(approved).path("id").asLong();
        HttpResponse<String> pending = api.postJson("/api/v1/list-requests", OFFICER83, request);
        assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
        long pendingId = json(pending).path("id").asLong();

        assertThat(api.postJson("/api/v1/campaigns/" + id + "/end", PRESIDENT84, Map.of()).statusCode())
                .as("not theirs to end").isEqualTo(403);
        HttpResponse<String> ended = api.postJson("/api/v1/campaigns/" + id + "/end", STAFF, Map.of());
        assertThat(ended.statusCode()).as("its owner ends it: " + ended.body()).isEqualTo(200);
        assertThat(json(ended).path("status").asText()).isEqualTo("ENDED");
        assertThat(json(ended).path("endedBy").asText()).isEqualTo("staff1");
        assertThat(api.postJson("/api/v1/campaigns/" + id + "/end", ADMIN, Map.of()).statusCode()).isEqualTo(409);
        assertThat(audited("campaign:" + id)).as("created, approved, ended").isEqualTo(3);

        HttpResponse<String> refused = api.postJson("/api/v1/list-requests/" + approvedId + "/exports", PRESIDENT83,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(refused.statusCode()).as("approved before the end, exported after: " + refused.body()).isEqualTo(403);
        assertThat(rules(refused)).contains("CAMPAIGN_INVALID");
        // Pending at the end: no longer approved at all (issue 15), so never exported either.
        HttpResponse<String> lateApproval = api.postJson("/api/v1/list-requests/" + pendingId + "/approval", PRESIDENT83,
                Map.of("approve", true, "note", "ok"));
        assertThat(lateApproval.statusCode()).as(lateApproval.body()).isEqualTo(409);
        assertThat(json(lateApproval).path("error").asText()).isEqualTo("CAMPAIGN_ENDED");
        HttpResponse<String> late = api.postJson("/api/v1/list-requests/" + pendingId + "/exports", OFFICER83,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(late.statusCode()).as("pending at the end, still pending: " + late.body()).isEqualTo(409);
        assertThat(json(late).path("error").asText()).isEqualTo("NOT_APPROVED");
        HttpResponse<String> anew = api.postJson("/api/v1/list-requests", PRESIDENT83, request);
        assertThat(anew.statusCode()).isEqualTo(403);
        assertThat(rules(anew)).containsExactly("CAMPAIGN_INVALID");
        assertThat(api.get("/api/v1/campaigns", PRESIDENT83).body()).doesNotContain("\"id\":" + id + ",");
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
}
