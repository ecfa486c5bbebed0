package org.membergateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.membergateway.requests.ListRequestFixture.aPendingRequest;
import static org.membergateway.requests.ListRequestFixture.anAllowedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.http.ApiExceptionMapper;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.InvalidParameterMapper;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RowSet;
import org.membergateway.policy.RuleId;
import org.membergateway.testing.TestCaller;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

/** The HTTP mapping of list requests (README, List requests and exports): status codes, bodies, Location, ids; the service is a mock. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ListRequestsResourceTest {

    static final Requester OFFICER = Requester.person("officer83", "Officer", Set.of(Role.LOCAL_OFFICER), Set.of("L083"),
            Set.of(), Set.of(), null);
    static final Requester PRESIDENT = Requester.person("president83", "President", Set.of(Role.LOCAL_PRESIDENT),
            Set.of("L083"), Set.of(), Set.of(), null);
    static final ListRequestService SERVICE = Mockito.mock(ListRequestService.class);
    static final RequestExports.ExportSummary EXPORT = new RequestExports.ExportSummary("9f1c", "BUILDING", 1200, null, null,
            "PASSPHRASE", ListRequestFixture.CREATED, ListRequestFixture.CREATED.plusDays(7), 3);
    /** Before every fixture's expiry. */
    static final Clock CLOCK = Clock.fixed(ListRequestFixture.CREATED.plusHours(2).toInstant(), ZoneOffset.UTC);

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new ListRequestsResource(SERVICE, new ListRequestViews(id -> id == 7 ? List.of(EXPORT) : List.of(), CLOCK)))
            .addProvider(new TestCaller(Map.of("officer", OFFICER, "president", PRESIDENT)))
            .addProvider(new ApiExceptionMapper())
            .addProvider(new InvalidParameterMapper())
            .addProvider(new RequestDeniedMapper())
            .build();

    @BeforeEach
    void reset() {
        Mockito.reset(SERVICE);
    }

    static Response post(String path, String caller, Object body) {
        return RESOURCES.target(path).request(MediaType.APPLICATION_JSON).header(TestCaller.HEADER, caller)
                .post(Entity.json(body));
    }

    static Response get(String path, String caller) {
        return RESOURCES.target(path).request(MediaType.APPLICATION_JSON).header(TestCaller.HEADER, caller).get();
    }

    static AccessRequestBody body() {
        return new AccessRequestBody("LOCAL_COMMUNICATION", null, new AccessRequestBody.ScopeBody("LOCAL", "L083"), null,
                "MEMBERS", "EMAIL", List.of("first_name", "last_name", "home_email"), "Bargaining update");
    }

    @Test
    void anApprovedRequestIs201WithItsAddress() {
        when(SERVICE.create(eq(PRESIDENT), any())).thenReturn(anAllowedRequest().withId(12).build());
        Response response = post("/api/v1/list-requests", "president", body());

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getLocation().getPath()).isEqualTo("/api/v1/list-requests/12");
        JsonNode view = response.readEntity(JsonNode.class);
        assertThat(view.path("id").asLong()).isEqualTo(12);
        assertThat(view.path("status").asText()).isEqualTo("APPROVED");
        assertThat(view.path("requester").asText()).isEqualTo("president83");
        assertThat(view.path("scope").path("type").asText()).isEqualTo("LOCAL");
        assertThat(view.path("scope").path("id").asText()).isEqualTo("L083");
        assertThat(view.path("fields")).extracting(JsonNode::asText).containsExactly("first_name", "last_name", "home_email");
        assertThat(view.path("approvers")).isEmpty();
        assertThat(view.has("campaignId")).as("absent, not null").isFalse();
        assertThat(view.has("filters")).isFalse();
        assertThat(view.path("exports")).isEmpty();
    }

    @Test
    void aPendingRequestIs202NamingItsApprovers() {
        when(SERVICE.create(eq(OFFICER), any())).thenReturn(aPendingRequest().build());
        Response response = post("/api/v1/list-requests", "officer", body());

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(response.getLocation().getPath()).isEqualTo("/api/v1/list-requests/7");
        JsonNode view = response.readEntity(JsonNode.class);
        assertThat(view.path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(view.path("approvers").get(0).path("role").asText()).isEqualTo("LOCAL_PRESIDENT");
        assertThat(view.path("approvers").get(0).path("scope").path("id").asText()).isEqualTo("L083");
        assertThat(view.path("reasons").get(0).path("rule").asText()).isEqualTo("APPROVAL_REQUIRED");
        assertThat(view.path("reasons").get(0).path("clause").asText()).isEqualTo("confidentiality §7");
        assertThat(view.path("exports").get(0).path("rowsWritten").asLong()).isEqualTo(1200);
        assertThat(view.path("exports").get(0).path("rows").isNull()).as("null until READY").isTrue();
        assertThat(OffsetDateTime.parse(view.path("createdAt").asText())).isEqualTo(ListRequestFixture.CREATED);
    }

    @Test
    void aDenialIs403WithEveryReasonAndItsAuditEntry() {
        Decision denied = new Decision(Outcome.DENY, List.of(
                new Reason(RuleId.OUT_OF_SCOPE, "confidentiality §7", "Local L084 is outside what you may request."),
                new Reason(RuleId.FIELDS_EXCEED_PURPOSE, "confidentiality §7", "Fields [birth_date] are more than needed.")),
                List.of(), null, List.of("first_name"), RowSet.ALL, "sha256:test");
        when(SERVICE.create(eq(OFFICER), any())).thenThrow(new RequestDeniedException(denied, 42));
        Response response = post("/api/v1/list-requests", "officer", body());

        assertThat(response.getStatus()).isEqualTo(403);
        JsonNode view = response.readEntity(JsonNode.class);
        assertThat(view.path("status").asText()).isEqualTo("DENIED");
        assertThat(view.path("reasons")).extracting(r -> r.path("rule").asText()).containsExactly("OUT_OF_SCOPE", "FIELDS_EXCEED_PURPOSE");
        assertThat(view.path("reasons").get(0).path("message").asText()).contains("L084");
        assertThat(view.path("policyVersion").asText()).isEqualTo("sha256:test");
        assertThat(view.path("auditSeq").asLong()).isEqualTo(42);
    }

    @Test
    void malformedInputIs400NamingTheField() {
        when(SERVICE.create(eq(OFFICER), any())).thenThrow(new InvalidParameterException("scope.id", "scope.id: there is no local L999"));
        Response response = post("/api/v1/list-requests", "officer", body());

        assertThat(response.getStatus()).isEqualTo(400);
        JsonNode error = response.readEntity(JsonNode.class);
        assertThat(error.path("error").asText()).isEqualTo("INVALID_PARAMETER");
        assertThat(error.path("field").asText()).isEqualTo("scope.id");
    }

    @Test
    void anIdThatIsNotAPositiveNumberIsNotFoundAndNeverReachesTheService() {
        for (String id : List.of("abc", "0", "-3", "99999999999999999999", "7.0")) {
            Response response = get("/api/v1/list-requests/" + id, "officer");
            assertThat(response.getStatus()).as(id).isEqualTo(404);
            assertThat(response.readEntity(JsonNode.class).path("error").asText()).isEqualTo("NOT_FOUND");
            assertThat(post("/api/v1/list-requests/" + id + "/approval", "president", Map.of("approve", true)).getStatus())
                    .as(id).isEqualTo(404);
        }
        verifyNoInteractions(SERVICE);
    }

    @Test
    void aRequestTheCallerMayNotSeeIsNotFound() {
        when(SERVICE.get(OFFICER, 7)).thenThrow(ListRequestException.notFound());
        assertThat(get("/api/v1/list-requests/7", "officer").getStatus()).isEqualTo(404);
    }

    @Test
    void aPendingRequestPastItsTimeShowsAsExpired() {
        when(SERVICE.get(OFFICER, 7)).thenReturn(aPendingRequest().expiringAt(ListRequestFixture.CREATED.plusHours(1)).build());
        JsonNode view = get("/api/v1/list-requests/7", "officer").readEntity(JsonNode.class);
        assertThat(view.path("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void theListingHasTheCallersOwnAndThoseAwaitingThem() {
        when(SERVICE.list(PRESIDENT)).thenReturn(new ListRequestService.Listing(
                List.of(anAllowedRequest().withId(3).build()), List.of(aPendingRequest().withId(7).build())));
        JsonNode listing = get("/api/v1/list-requests", "president").readEntity(JsonNode.class);
        assertThat(listing.path("mine")).extracting(r -> r.path("id").asLong()).containsExactly(3L);
        assertThat(listing.path("awaitingMyApproval")).extracting(r -> r.path("id").asLong()).containsExactly(7L);
    }

    @Test
    void anApprovalPassesTheDecisionAndNoteAndAnswersTheRequest() {
        when(SERVICE.recordApproval(eq(PRESIDENT), eq(7L), any())).thenReturn(aPendingRequest().approvedBy("president83").build());
        Response response = post("/api/v1/list-requests/7/approval", "president", Map.of("approve", true, "note", "fine"));

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode view = response.readEntity(JsonNode.class);
        assertThat(view.path("status").asText()).isEqualTo("APPROVED");
        assertThat(view.path("approval").path("approver").asText()).isEqualTo("president83");
        ArgumentCaptor<ApprovalBody> body = ArgumentCaptor.forClass(ApprovalBody.class);
        verify(SERVICE).recordApproval(eq(PRESIDENT), anyLong(), body.capture());
        assertThat(body.getValue()).isEqualTo(new ApprovalBody(true, "fine"));
    }

    @Test
    void aRefusedApprovalKeepsItsCode() {
        when(SERVICE.recordApproval(eq(OFFICER), eq(7L), any())).thenThrow(
                ListRequestException.forbidden("SELF_APPROVAL", "nobody approves their own request (confidentiality §9)"));
        Response response = post("/api/v1/list-requests/7/approval", "officer", Map.of("approve", true));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.readEntity(JsonNode.class).path("error").asText()).isEqualTo("SELF_APPROVAL");
    }
}
