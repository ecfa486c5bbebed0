package org.membergateway.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;

/** Campaigns and projects that outreach lists can be requested for (README, HTTP API, §5). */
@Path("/api/v1/campaigns")
@Tag(name = "directory")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    private final CampaignService campaigns;
    private final ScopeLookups scopes;

    public CampaignsResource(CampaignService campaigns, ScopeLookups scopes) {
        this.campaigns = campaigns;
        this.scopes = scopes;
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Campaigns the caller may ask outreach lists for",
            description = "The approved (ACTIVE) campaigns running today (first and last days included, in the union's time zone) whose "
                    + "scope may share members with one the caller covers (a region and an employer group are taken to "
                    + "overlap), newest first, at most " + ScopeLookups.MAX_CAMPAIGNS + "." + ScopeLookupsResource.COVERS,
            responses = @ApiResponse(responseCode = "200", description = "The campaigns (possibly none)",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = CampaignView.class)))))
    public List<CampaignView> active(@Context SecurityContext security) {
        return scopes.campaigns(Requesters.from(security));
    }

    @POST
    @RolesAllowed({RoleNames.ADMIN, RoleNames.STAFF, RoleNames.EXECUTIVE_DIRECTOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign",
            description = "kind: CAPE, SELECTIVE_CLASSIFICATION, ORGANIZING, CONTRACT or ISSUE; the scope must exist "
                    + "(STATEWIDE has scopeId ALL); dates ISO-8601, endsOn not before startsOn, and the campaign at most "
                    + "campaigns.maxDays long (default 365 days, first and last included; longer is a 400 naming endsOn). "
                    + "ownerUsername names the person responsible (default: the caller). targets {classifications[], "
                    + "worksites[], audiences[]} narrow what requests under it may reach; SELECTIVE_CLASSIFICATION needs "
                    + "targets.classifications. status is PENDING_APPROVAL until an approver policies/campaigns.yml names "
                    + "for the scope approves it (never its creator), or ACTIVE at once when the executive director "
                    + "creates it. Roles: ADMIN, STAFF, EXECUTIVE_DIRECTOR.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewCampaign.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created; `id` identifies it, `status` says whether it needs approval",
                        content = @Content(schema = @Schema(implementation = CampaignView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response create(@Context SecurityContext security, NewCampaign campaign) {
        CampaignView created = campaigns.create(Requesters.from(security), campaign);
        return Response.created(UriBuilder.fromResource(CampaignsResource.class).path(Long.toString(created.id())).build())
                .entity(created).build();
    }

    @POST
    @Path("/{id}/approval")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a campaign",
            description = "{\"approve\": true|false, \"note\"} by one of the approvers policies/campaigns.yml names for "
                    + "the campaign's scope (the local president of a local, a director of a region or employer group, the "
                    + "executive director for any scope), never by whoever entered it. Only a PENDING_APPROVAL campaign.",
            responses = {
                @ApiResponse(responseCode = "200", description = "Decided: status ACTIVE or REJECTED",
                        content = @Content(schema = @Schema(implementation = CampaignView.class))),
                @ApiResponse(responseCode = "403", description = "Not an approver of this campaign"),
                @ApiResponse(responseCode = "404", description = "No such campaign"),
                @ApiResponse(responseCode = "409", description = "Not waiting for approval")
            })
    public CampaignView decide(@Context SecurityContext security, @PathParam("id") String id, CampaignDecisionBody body) {
        return campaigns.decide(Requesters.from(security), campaignId(id), body);
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "End a campaign early",
            description = "Effective at once: no request can be made under it any more, and pending or approved "
                    + "requests under it are refused when approved or exported. By its owner, whoever approved it, its "
                    + "approvers, an ADMIN or the executive director.",
            responses = {
                @ApiResponse(responseCode = "200", description = "Ended: status ENDED",
                        content = @Content(schema = @Schema(implementation = CampaignView.class))),
                @ApiResponse(responseCode = "403", description = "Not one who may end it"),
                @ApiResponse(responseCode = "404", description = "No such campaign"),
                @ApiResponse(responseCode = "409", description = "Already rejected or ended")
            })
    public CampaignView end(@Context SecurityContext security, @PathParam("id") String id) {
        return campaigns.end(Requesters.from(security), campaignId(id));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "A campaign", description = "Any signed-in person (campaigns hold no member data).",
            responses = {
                @ApiResponse(responseCode = "200", description = "The campaign",
                        content = @Content(schema = @Schema(implementation = CampaignView.class))),
                @ApiResponse(responseCode = "404", description = "No such campaign")
            })
    public CampaignView get(@PathParam("id") String id) {
        return campaigns.campaign(campaignId(id)).orElseThrow(() -> DirectoryException.notFound("no such campaign"));
    }

    private static long campaignId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw DirectoryException.notFound("no such campaign");
        }
    }
}
