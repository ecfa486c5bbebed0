package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/** {@code POST /api/v1/decisions} over real HTTP on embedded PostgreSQL: explained decisions, 400 for malformed input, audited. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DecisionsApiIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-5";

    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president83", "president-83-password");
    static ApiClient api;
    static Jdbi superuser;


    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "STATE_AGENCIES");
        TestPeople.create(api, ADMIN, "president83", "Local 83 President", "president-83-password", "LOCAL_PRESIDENT", "L083");
    }

    static Map<String, Object> request(String purpose, String scopeType, String scopeId, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        body.put("scope", Map.of("type", scopeType, "id", scopeId));
        body.put("audience", "MEMBERS");
        body.put("channel", "EMAIL");
        body.put("fields", fields);
        body.put("justification", "Bargaining update");
        return body;
    }

    @Test
    void aDecisionIsExplainedInTheUnionsTermsAndAudited() {
        HttpResponse<String> response = api.postJson("/api/v1/decisions", PRESIDENT,
                request("LOCAL_COMMUNICATION", "LOCAL", "L084", List.of("first_name", "home_email")));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode decision = json(response);
        assertThat(decision.path("status").asText()).isEqualTo("DENIED");
        assertThat(decision.path("reasons")).extracting(r -> r.path("rule").asText())
                .containsExactly("ACKNOWLEDGEMENT_REQUIRED", "OUT_OF_SCOPE");
        assertThat(decision.path("reasons").get(1).path("clause").asText()).isEqualTo("confidentiality §7");
        assertThat(decision.path("policyVersion").asText()).matches("sha256:[0-9a-f]{64}");
        long seq = decision.path("auditSeq").asLong();
        Map<String, Object> entry = superuser.withHandle(h -> h.createQuery(
                "SELECT actor, action, decision, policy_version FROM audit_entries WHERE seq = :s").bind("s", seq).mapToMap().one());
        assertThat(entry).containsEntry("actor", "president83").containsEntry("action", "DECISION")
                .containsEntry("decision", "DENIED").containsEntry("policy_version", decision.path("policyVersion").asText());
    }

    @Test
    void theSameRequestIsApprovedOnceThePresidentHasSignedTheConfidentialityAgreement() {
        TestPeople.create(api, ADMIN, "president84", "Local 84 President", "president-84-password", "LOCAL_PRESIDENT", "L084");
        String president = basic("president84", "president-84-password");
        Map<String, Object> request = request("LOCAL_COMMUNICATION", "LOCAL", "L084", List.of("first_name", "home_email"));
        JsonNode before = json(api.postJson("/api/v1/decisions", president, request));
        assertThat(before.path("status").asText()).isEqualTo("DENIED");
        assertThat(before.path("reasons")).extracting(r -> r.path("rule").asText()).containsExactly("ACKNOWLEDGEMENT_REQUIRED");
        assertThat(before.path("reasons").get(0).path("message").asText()).contains("POST /api/v1/acknowledgements");

        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                president, "Local 84 President");
        JsonNode after = json(api.postJson("/api/v1/decisions", president, request));
        assertThat(after.path("status").asText()).isEqualTo("APPROVED");
        assertThat(after.path("reasons")).isEmpty();
        assertThat(after.path("allowedBy").path("rule").asText()).isEqualTo("LOCAL_PRESIDENT_OWN_LOCAL");
        assertThat(after.path("allowedBy").path("clause").asText()).isEqualTo("confidentiality §7");
    }

    @Test
    void theElectionBanIsAlwaysExplained() {
        JsonNode decision = json(api.postJson("/api/v1/decisions", PRESIDENT,
                request("OFFICER_ELECTION", "LOCAL", "L083", List.of("first_name", "home_email"))));
        assertThat(decision.path("status").asText()).isEqualTo("DENIED");
        assertThat(decision.path("reasons").get(0).path("rule").asText()).isEqualTo("ELECTION_USE_BAN");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"purpose\":\"GOSSIP\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"]}|purpose",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\",\"ssn\"]}|fields[1]",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"COUNTY\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"]}|scope.type",
        "{\"purpose\":\"CAMPAIGN_OUTREACH\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"]}|campaignId",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L999\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"]}|scope.id",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"EVERYONE\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"]}|audience",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"FAX\",\"fields\":[\"first_name\"]}|channel",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[]}|fields",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"STATEWIDE\",\"id\":\"OR\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"]}|scope.id",
        "{\"purpose\":\"LOCAL_COMMUNICATION\",\"scope\":{\"type\":\"LOCAL\",\"id\":\"L083\"},\"audience\":\"MEMBERS\",\"channel\":\"EMAIL\",\"fields\":[\"first_name\"],\"justificaton\":\"typo\"}|justificaton",
    })
    void malformedInputIs400NamingTheField(String body, String field) {
        HttpResponse<String> response = api.post("/api/v1/decisions", PRESIDENT, "application/json", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo(field);
        assertThat(json(response).path("message").asText()).startsWith(field + ":");
    }

    @Test
    void malformedInputIsNotAudited() {
        long before = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries WHERE action = 'DECISION'")
                .mapTo(Long.class).one());
        api.post("/api/v1/decisions", PRESIDENT, "application/json", "{\"purpose\":\"GOSSIP\"}");
        long after = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries WHERE action = 'DECISION'")
                .mapTo(Long.class).one());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentDescribesDecisionsRequestsExportsAndVendorPulls() {
        JsonNode paths = json(api.get("/api/v1/openapi.json", null)).path("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/api/v1/decisions", "/api/v1/list-requests",
                "/api/v1/list-requests/{id}", "/api/v1/list-requests/{id}/approval", "/api/v1/list-requests/{id}/exports",
                "/api/v1/exports/{id}", "/api/v1/exports/trace", "/api/v1/vendor/extracts",
                "/api/v1/vendor/extracts/{id}/content", "/api/v1/vendors/{id}/extracts", "/api/v1/keys/openpgp",
                "/api/v1/acknowledgements");
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(api.postJson("/api/v1/decisions", null, request("LOCAL_COMMUNICATION", "LOCAL", "L083",
                List.of("first_name"))).statusCode()).isEqualTo(401);
    }
}
