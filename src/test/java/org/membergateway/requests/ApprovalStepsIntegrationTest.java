package org.membergateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.TestElections;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Issue 15, point 6, end to end through {@code POST /list-requests/{id}/approval}: approvals come in
 * steps, one per escalation, and a request is approved only when every step is; stacked roles do
 * not let a director stand in for the local president; a declared candidate in the request's
 * electorate cannot approve it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApprovalStepsIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-9";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    static ApiClient api;
    static AcknowledgementService acknowledgements;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'S' || lpad(i::text, 4, '0'), 'First' || i, 'Last' || i, CASE WHEN i <= 20 THEN 'L083' ELSE 'L084' END,
                       'R3', 'STATE_AGENCIES', 'MEMBER', 's' || i || '@example.org'
                FROM generate_series(1, 40) AS i"""));
        acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        person("president83", List.of("LOCAL_PRESIDENT"), List.of("L083"), List.of());
        person("president84", List.of("LOCAL_PRESIDENT"), List.of("L084"), List.of());
        person("stacked83", List.of("LOCAL_OFFICER", "STEWARD"), List.of("L083"), List.of());
        person("officer83", List.of("LOCAL_OFFICER"), List.of("L083"), List.of());
        person("officer84", List.of("LOCAL_OFFICER"), List.of("L084"), List.of());
        person("director3", List.of("DIRECTOR"), List.of(), List.of("R3"));
        person("execdir", List.of("EXECUTIVE_DIRECTOR"), List.of(), List.of());
    }

    static void person(String username, List<String> roles, List<String> locals, List<String> regions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", "Test " + username);
        body.put("password", username + "-password-1");
        body.put("roles", roles);
        body.put("locals", locals);
        body.put("regions", regions);
        HttpResponse<String> created = api.postJson("/api/v1/people", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        TestPeople.acknowledgeEverything(api, acknowledgements, auth(username), "Test " + username);
    }

    static String auth(String username) {
        return basic(username, username + "-password-1");
    }

    static void declare(String username, String local) {
        TestElections.forCandidacy(superuser, "E2027-" + local, Office.LOCAL_OFFICE, ScopeType.LOCAL, local);
        HttpResponse<String> declared = api.postJson("/api/v1/people/" + username + "/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", local, "electionId", "E2027-" + local));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    }

    static Map<String, Object> emailList(String local) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "LOCAL_COMMUNICATION");
        body.put("scope", Map.of("type", "LOCAL", "id", local));
        body.put("audience", "MEMBERS");
        body.put("channel", "EMAIL");
        body.put("fields", List.of("first_name", "home_email"));
        body.put("justification", "Bargaining update");
        return body;
    }

    static HttpResponse<String> decide(String username, long id, boolean approve) {
        return api.postJson("/api/v1/list-requests/" + id + "/approval", auth(username), Map.of("approve", approve, "note", "checked"));
    }

    static List<String> roles(JsonNode approvers) {
        List<String> roles = new ArrayList<>();
        approvers.forEach(a -> roles.add(a.path("role").asText()));
        return roles;
    }

    @Test
    void aCandidatesRequestNeedsTheLocalPresidentAndTheExecutiveDirectorBoth() {
        declare("officer83", "L083");
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", auth("officer83"), emailList("L083"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        JsonNode pending = json(asked);
        assertThat(roles(pending.path("approvers"))).containsExactly("LOCAL_PRESIDENT", "EXECUTIVE_DIRECTOR", "DESIGNEE");
        long id = pending.path("id").asLong();

        HttpResponse<String> first = decide("execdir", id, true);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).path("status").asText()).as("the president's step is still open").isEqualTo("PENDING_APPROVAL");
        HttpResponse<String> again = decide("execdir", id, true);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(json(again).path("error").asText()).isEqualTo("ALREADY_DECIDED");
        HttpResponse<String> director = decide("director3", id, true);
        assertThat(director.statusCode()).as("a director is no approver of an officer's local list: not theirs to see")
                .isEqualTo(404);
        HttpResponse<String> notExportable = api.postJson("/api/v1/list-requests/" + id + "/exports", auth("officer83"),
                Map.of("encryption", "PASSPHRASE"));
        assertThat(notExportable.statusCode()).as("half approved is not approved").isEqualTo(409);

        HttpResponse<String> president = decide("president83", id, true);
        assertThat(president.statusCode()).as(president.body()).isEqualTo(200);
        JsonNode approved = json(president);
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("approvals")).hasSize(2);
        assertThat(approved.path("approvalSteps")).hasSize(2);
        approved.path("approvalSteps").forEach(step -> assertThat(step.path("given").asBoolean()).isTrue());
        assertThat(approved.path("approvals").get(0).path("covers").get(0).asText()).isEqualTo("CANDIDATE_IN_SCOPE");
        assertThat(approved.path("approvals").get(1).path("covers").get(0).asText()).isEqualTo("APPROVAL_REQUIRED");
    }

    @Test
    void aRejectionByEitherApproverEndsTheRequest() {
        declare("officer84", "L084");
        long id = json(api.postJson("/api/v1/list-requests", auth("officer84"), emailList("L084"))).path("id").asLong();
        assertThat(json(decide("execdir", id, false)).path("status").asText()).isEqualTo("REJECTED");
        assertThat(decide("president84", id, true).statusCode()).isEqualTo(409);
    }

    @Test
    void stackedRolesDoNotLetADirectorApproveInsteadOfTheLocalPresident() {
        // Entered by the executive director, the campaign is approved at once (policies/campaigns.yml).
        HttpResponse<String> campaign = api.postJson("/api/v1/campaigns", auth("execdir"), Map.of("name", "CAPE drive", "kind", "CAPE",
                "scopeType", "LOCAL", "scopeId", "L083", "startsOn", LocalDate.now().minusDays(1).toString(),
                "endsOn", LocalDate.now().plusDays(30).toString()));
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        Map<String, Object> body = emailList("L083");
        body.put("purpose", "CAMPAIGN_OUTREACH");
        body.put("campaignId", json(campaign).path("id").asLong());
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", auth("stacked83"), body);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        assertThat(roles(json(asked).path("approvers"))).containsExactly("LOCAL_PRESIDENT");
        long id = json(asked).path("id").asLong();
        assertThat(decide("director3", id, true).statusCode()).as("the steward grant's director does not stand in")
                .isEqualTo(404);
        assertThat(json(decide("president83", id, true)).path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void aDeclaredCandidateInTheElectorateCannotApprove() {
        // president84 runs in L084; officer84's request reaches that electorate.
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", auth("officer84"), emailList("L084"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        long id = json(asked).path("id").asLong();
        declare("president84", "L084");
        HttpResponse<String> refused = decide("president84", id, true);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("error").asText()).isEqualTo("APPROVER_IS_CANDIDATE");
        assertThat(json(api.get("/api/v1/list-requests/" + id, auth("officer84"))).path("status").asText())
                .isEqualTo("PENDING_APPROVAL");
    }
}
