package org.membergateway.elections;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.PATCH;
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

/** Elections, their published terms and the calendar's flags (README, HTTP API; confidentiality §5). */
@Path("/api/v1/elections")
@Tag(name = "elections")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class ElectionsResource {

    private final ElectionService elections;
    private final ElectionCalendar calendar;

    public ElectionsResource(ElectionService elections, ElectionCalendar calendar) {
        this.elections = elections;
        this.calendar = calendar;
    }

    @POST
    @RolesAllowed({RoleNames.ADMIN, RoleNames.ELECTION_COMMITTEE})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter an election",
            description = "office LOCAL_OFFICE|BOARD_SEAT|STATEWIDE_OFFICE|CAPE_POSITION over an existing scope that fits it "
                    + "(STATEWIDE has scopeId ALL); dates ISO-8601, nominationsCloseOn <= ballotsMailedOn <= electionDay, "
                    + "electionDay not in the past; mailVendorId an active vendor with an ELECTION_LITERATURE agreement in force, "
                    + "emailVendorId (optional) the same. The terms of "
                    + "policies/elections.yml are copied in and never change for this election. Roles: ADMIN, ELECTION_COMMITTEE.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewElection.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Entered",
                        content = @Content(schema = @Schema(implementation = ElectionView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "409", description = "An election with this id exists",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response create(@Context SecurityContext security, NewElection election) {
        Election created = elections.create(Requesters.from(security).actor(), election);
        return Response.created(UriBuilder.fromResource(ElectionsResource.class).path(created.id()).build())
                .entity(ElectionView.of(created)).build();
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Every election, the latest election day first",
            responses = @ApiResponse(responseCode = "200", description = "The elections (possibly none)",
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = ElectionView.class)))))
    public List<ElectionView> list() {
        return elections.list().stream().map(ElectionView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "One election", responses = {
        @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ElectionView.class))),
        @ApiResponse(responseCode = "404", description = "No such election",
                content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    })
    public ElectionView get(@PathParam("id") String id) {
        return ElectionView.of(elections.find(id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.ELECTION_COMMITTEE})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Correct an election's calendar",
            description = "Any of nominationsCloseOn, ballotsMailedOn (null: not a mail ballot) and electionDay, ISO-8601; "
                    + "what is left out stays. Checked as on creation (nominationsCloseOn <= ballotsMailedOn <= electionDay, "
                    + "electionDay not in the past). Office, electorate, vendors and terms never change (400 naming the field). "
                    + "409 ELECTION_OVER after election day; 409 INSPECTION_WINDOW_FIXED when a candidate has inspected the "
                    + "membership list and the change would move the inspection window. Audited with the old and new dates. "
                    + "Roles: ADMIN, ELECTION_COMMITTEE.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The election as it now is",
                        content = @Content(schema = @Schema(implementation = ElectionView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong or may not change; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such election",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "409", description = "ELECTION_OVER or INSPECTION_WINDOW_FIXED",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public ElectionView changeCalendar(@Context SecurityContext security, @PathParam("id") String id, JsonNode change) {
        return ElectionView.of(elections.changeCalendar(Requesters.from(security).actor(), id, change));
    }

    @GET
    @Path("/{id}/terms")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "The published terms for distributing candidates' literature",
            description = "Cents per piece by channel (EMAIL only when the election has an email vendor), whether payment "
                    + "is due in advance, and the lead time in days: the same for every candidate (29 CFR 452.67-452.69).",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ElectionTermsView.class))),
                @ApiResponse(responseCode = "404", description = "No such election",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public ElectionTermsView terms(@PathParam("id") String id) {
        return ElectionTermsView.of(elections.find(id));
    }

    @GET
    @Path("/{id}/flags")
    @RolesAllowed({RoleNames.ELECTION_COMMITTEE, RoleNames.AUDITOR})
    @Operation(summary = "List requests flagged by the election calendar",
            description = "Requests made in the election's window (policies/elections.yml calendar.flagWindowDays before "
                    + "election day, through it) by people holding an officer role, whose scope reaches the electorate: "
                    + "request id, requester, purpose, scope, date. No member data. The flag does not refuse a request. "
                    + "Roles: ELECTION_COMMITTEE, AUDITOR.",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
                        schema = @Schema(implementation = ElectionCalendar.FlaggedRequest.class)))),
                @ApiResponse(responseCode = "404", description = "No such election",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public List<ElectionCalendar.FlaggedRequest> flags(@PathParam("id") String id) {
        return calendar.flagged(elections.find(id));
    }
}
