package org.membergateway.elections.mailings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import org.membergateway.auth.RoleNames;
import org.membergateway.auth.Requesters;
import org.membergateway.http.ErrorResponse;

/** Official election notices (confidentiality §5's exception), sent by the union, never a list to a person. */
@Path("/api/v1/elections/{id}/notices")
@Tag(name = "elections", description = "Elections, candidates' literature, official notices and list inspections")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class ElectionNoticesResource {

    private final ElectionMailingService mailings;

    public ElectionNoticesResource(ElectionMailingService mailings) {
        this.mailings = mailings;
    }

    @POST
    @RolesAllowed(RoleNames.STAFF)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Staff ask for an official notice of the election to be sent",
            description = "A mailing of kind OFFICIAL_NOTICE: approved by the election committee at "
                    + "POST /elections/{id}/mailings/{mid}/approval, delivered through the election's mail-house (or email) "
                    + "vendor, paid for by the union, listed in the ledger. Nobody receives the list. Role: STAFF.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MailingBodies.Notice.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Waiting for the election committee",
                        content = @Content(schema = @Schema(implementation = MailingViews.Created.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such election"),
                @ApiResponse(responseCode = "409", description = "NO_EMAIL_VENDOR or ELECTION_OVER")
            })
    public Response create(@Context SecurityContext security, @PathParam("id") String electionId, MailingBodies.Notice body) {
        MailingViews.Created created = mailings.notice(Requesters.from(security), electionId, body);
        return Response.created(URI.create("/api/v1/elections/" + electionId + "/mailings/" + created.id()))
                .entity(created).build();
    }
}
