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

    private final DirectoryService directory;
    private final ScopeLookups scopes;

    public CampaignsResource(DirectoryService directory, ScopeLookups scopes) {
        this.directory = directory;
        this.scopes = scopes;
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Campaigns the caller may ask outreach lists for",
            description = "The campaigns running today (first and last days included, in the union's time zone) whose "
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
                    + "(STATEWIDE has scopeId ALL); dates ISO-8601, endsOn not before startsOn. The caller owns it. "
                    + "Roles: ADMIN, STAFF, EXECUTIVE_DIRECTOR.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewCampaign.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created; `id` identifies it",
                        content = @Content(schema = @Schema(implementation = CampaignView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response create(@Context SecurityContext security, NewCampaign campaign) {
        CampaignView created = directory.createCampaign(Requesters.from(security).username(), campaign);
        return Response.created(UriBuilder.fromResource(CampaignsResource.class).path(Long.toString(created.id())).build())
                .entity(created).build();
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
        long campaignId;
        try {
            campaignId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw DirectoryException.notFound("no such campaign");
        }
        return directory.campaign(campaignId).orElseThrow(() -> DirectoryException.notFound("no such campaign"));
    }
}
