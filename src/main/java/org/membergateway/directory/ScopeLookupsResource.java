package org.membergateway.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.members.UnionDao.NamedId;
import org.membergateway.members.UnionDao.NamedLocal;

/**
 * The locals, regions and employer groups a person may ask for lists about (README, HTTP API), so
 * that a form or a script picks a scope by name. Each answer holds only what the caller covers
 * ({@link ScopeLookups}); none holds member data.
 */
@Path("/api/v1")
@Tag(name = "directory")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class ScopeLookupsResource {

    static final String COVERS = " Only what the caller covers: their own locals; the regions and employer groups they "
            + "cover (and the locals in them); the scopes of their declared candidacies that a candidacy grant of the "
            + "policy names; everything for ADMIN and for roles the policy lets ask over any scope (EXECUTIVE_DIRECTOR, "
            + "DESIGNEE, STATEWIDE_PRESIDENT, STATEWIDE_OFFICER, STAFF, COMMITTEE_CHAIR with the bundled rules). "
            + "The policy still decides every request. Any signed-in person.";

    private final ScopeLookups scopes;

    public ScopeLookupsResource(ScopeLookups scopes) {
        this.scopes = scopes;
    }

    @GET
    @Path("/locals")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Locals the caller may ask about",
            description = "Each with its name, and its region's and employer group's ids and names; by id." + COVERS,
            responses = @ApiResponse(responseCode = "200", description = "The locals (possibly none)",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = NamedLocal.class)))))
    public List<NamedLocal> locals(@Context SecurityContext security) {
        return scopes.locals(Requesters.from(security));
    }

    @GET
    @Path("/regions")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Regions the caller may ask about", description = "Ids and names, by id." + COVERS,
            responses = @ApiResponse(responseCode = "200", description = "The regions (possibly none)",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = NamedId.class)))))
    public List<NamedId> regions(@Context SecurityContext security) {
        return scopes.regions(Requesters.from(security));
    }

    @GET
    @Path("/employer-groups")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Employer groups the caller may ask about", description = "Ids and names, by id." + COVERS,
            responses = @ApiResponse(responseCode = "200", description = "The employer groups (possibly none)",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = NamedId.class)))))
    public List<NamedId> employerGroups(@Context SecurityContext security) {
        return scopes.employerGroups(Requesters.from(security));
    }
}
