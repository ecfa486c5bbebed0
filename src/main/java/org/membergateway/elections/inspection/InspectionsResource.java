package org.membergateway.elections.inspection;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.membergateway.auth.RoleNames;
import org.membergateway.auth.Requesters;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.PathIds;
import org.membergateway.http.QueryParameters;

/**
 * List inspection by candidates (29 CFR 452.71–452.72) over JSON. Any signed-in person may ask; the
 * service decides whether they are a candidate of that election. Only JSON, only a page at a time:
 * there is no CSV and no export of an inspection.
 */
@Path("/api/v1/elections/{electionId}/inspections")
@Tag(name = "elections", description = "Elections and candidates (confidentiality §5; 29 CFR 452.67–452.73)")
@Produces(MediaType.APPLICATION_JSON)
public class InspectionsResource {

    private final InspectionService inspections;

    public InspectionsResource(InspectionService inspections) {
        this.inspections = inspections;
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Timed
    @Operation(summary = "Open the candidate's one inspection of the membership list",
            description = "A declared, not withdrawn candidate of this election, once per election, within the 30 days"
                    + " before election day and before ballots are mailed (the window closes the day they are)."
                    + " Audited, granted or refused.",
            responses = {
                @ApiResponse(responseCode = "201", description = "Opened",
                        content = @Content(schema = @Schema(implementation = OpenedInspection.class))),
                @ApiResponse(responseCode = "403", description = "INSPECTION_NOT_AVAILABLE: not a candidate of this"
                        + " election, outside the window (the message names its dates) or inspected already (on which day)",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such election",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response open(@Context SecurityContext security, @PathParam("electionId") String electionId) {
        OpenedInspection opened = inspections.open(Requesters.from(security), electionId);
        return Response.status(Response.Status.CREATED).entity(opened).cacheControl(noStore()).build();
    }

    @GET
    @Path("{inspectionId}/members")
    @RolesAllowed(RoleNames.PERSON)
    @Timed
    @Operation(summary = "One page of the electorate's names and addresses, for the inspecting candidate",
            description = "At most 100 members a page, ordered by last name, first name and member; pages counted"
                    + " from 1. Each page is recorded in the audit trail (page number and row count) before it is"
                    + " answered. Cache-Control: no-store.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The page",
                        content = @Content(schema = @Schema(implementation = InspectionPage.class))),
                @ApiResponse(responseCode = "400", description = "A page outside 1..pages",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such inspection of the caller's",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "410", description = "The inspection has closed",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response members(@Context SecurityContext security, @PathParam("electionId") String electionId,
                            @PathParam("inspectionId") String inspectionId, @QueryParam("page") String page) {
        long id = PathIds.positive(inspectionId).orElseThrow(InspectionException::noSuchInspection);
        int number = QueryParameters.longValue("page", page, 1, Integer.MAX_VALUE, 1L).intValue();
        InspectionPage shown = inspections.page(Requesters.from(security), electionId, id, number);
        return Response.ok(shown).cacheControl(noStore()).build();
    }

    /** Said here as well as by the security headers: a page of names and addresses is never kept by a cache. */
    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
