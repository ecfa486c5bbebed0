package org.membergateway.directory;

import io.swagger.v3.oas.annotations.Operation;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.PathIds;

/** Grants of authority roles waiting for a second person (README, "People and roles"). */
@Path("/api/v1/role-grants")
@Tag(name = "directory", description = "People, their roles and scopes, candidacies and campaigns")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class RoleGrantsResource {

    private final DirectoryService directory;

    public RoleGrantsResource(DirectoryService directory) {
        this.directory = directory;
    }

    /** The body of a confirmation. */
    public record Confirmation(Boolean confirm, String note) {
    }

    @GET
    @RolesAllowed({RoleNames.ADMIN, RoleNames.EXECUTIVE_DIRECTOR, RoleNames.STATEWIDE_PRESIDENT})
    @Operation(summary = "Role grants in a status (default PENDING_CONFIRMATION), oldest first",
            description = "status: ACTIVE, PENDING_CONFIRMATION, REJECTED or REVOKED. Role: ADMIN, EXECUTIVE_DIRECTOR,"
                    + " STATEWIDE_PRESIDENT.")
    public List<RoleGrantView> list(@QueryParam("status") String status) {
        return directory.grants(status);
    }

    @POST
    @Path("/{id}/confirmation")
    @RolesAllowed({RoleNames.EXECUTIVE_DIRECTOR, RoleNames.STATEWIDE_PRESIDENT})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm or reject a pending grant",
            description = "Body {confirm: true|false, note?}. By a person holding EXECUTIVE_DIRECTOR or STATEWIDE_PRESIDENT"
                    + " who neither granted nor receives it; a DESIGNEE only by the EXECUTIVE_DIRECTOR.",
            responses = {@ApiResponse(responseCode = "200", description = "The grant as decided"),
                @ApiResponse(responseCode = "403", description = "The granter, the grantee, or not a confirmer"),
                @ApiResponse(responseCode = "404", description = "No such grant"),
                @ApiResponse(responseCode = "409", description = "Not pending, or a single office someone else holds")})
    public RoleGrantView confirm(@Context SecurityContext security, @PathParam("id") String id, Confirmation body) {
        long grant = PathIds.positive(id).orElseThrow(() -> DirectoryException.notFound("no such role grant"));
        if (body == null) {
            throw DirectoryException.invalid("confirm", "required: true or false");
        }
        return directory.decideGrant(Requesters.from(security), grant, body.confirm(), body.note());
    }
}
