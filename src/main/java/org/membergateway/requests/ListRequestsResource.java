package org.membergateway.requests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.membergateway.http.PathIds;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;
import org.membergateway.policy.AccessRequestBody;

/** List requests and approvals (README, List requests and exports). Any signed-in person may ask; the policy decides. */
@Path("/api/v1/list-requests")
@Tag(name = "list requests", description = "Requests for member lists, their approval and exports")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class ListRequestsResource {

    private final ListRequestService requests;
    private final ListRequestViews views;

    public ListRequestsResource(ListRequestService requests, ListRequestViews views) {
        this.requests = requests;
        this.views = views;
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a member list",
            description = "The policy decides: 201 APPROVED (export it next), 202 PENDING_APPROVAL (one of `approvers` must "
                    + "approve), 403 DENIED with every reason and the audit entry. Vendor extracts are made at "
                    + "POST /api/v1/vendors/{id}/extracts.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AccessRequestBody.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Approved", content = @Content(schema = @Schema(implementation = ListRequestView.class))),
                @ApiResponse(responseCode = "202", description = "Waiting for approval", content = @Content(schema = @Schema(implementation = ListRequestView.class))),
                @ApiResponse(responseCode = "400", description = "Malformed; `field` names it", content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Denied, with reasons", content = @Content(schema = @Schema(implementation = DeniedView.class)))
            })
    public Response create(@Context SecurityContext security, AccessRequestBody body) {
        return views.created(requests.create(Requesters.from(security), body));
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Your requests, and the pending ones you may approve", description = "Newest first, 100 of each at most.")
    public Map<String, List<ListRequestView>> list(@Context SecurityContext security) {
        ListRequestService.Listing listing = requests.list(Requesters.from(security));
        return Map.of("mine", listing.mine().stream().map(views::view).toList(),
                "awaitingMyApproval", listing.awaitingMyApproval().stream().map(views::view).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "A list request, its decision, approval and exports (with rows written so far)",
            description = "For its requester, its eligible approvers and auditors; 404 for anyone else.")
    public ListRequestView get(@Context SecurityContext security, @PathParam("id") String id) {
        return views.view(requests.get(Requesters.from(security), requestId(id)));
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a pending request",
            description = "Only an eligible approver named by the decision, never the requester. 403 otherwise; 409 if it is "
                    + "not pending (already decided, or expired).",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApprovalBody.class))))
    public ListRequestView approve(@Context SecurityContext security, @PathParam("id") String id, ApprovalBody body) {
        return views.view(requests.recordApproval(Requesters.from(security), requestId(id), body));
    }

    @POST
    @Path("/{id}/destruction")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attest that the list you exported was destroyed",
            description = "The requester only, once an export of the request was made (409 NOTHING_EXPORTED before); one "
                    + "attestation per request (409 ALREADY_ATTESTED after). confidentiality §7, §8: lists are not retained.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DestructionAttestation.Body.class))))
    public Response attestDestruction(@Context SecurityContext security, @PathParam("id") String id,
                                      DestructionAttestation.Body body) {
        return Response.status(Response.Status.CREATED)
                .entity(requests.attestDestruction(Requesters.from(security), requestId(id), body)).build();
    }

    private static long requestId(String id) {
        return PathIds.positive(id).orElseThrow(ListRequestException::notFound);
    }
}
