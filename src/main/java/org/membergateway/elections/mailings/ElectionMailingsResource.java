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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import org.membergateway.auth.RoleNames;
import org.membergateway.auth.Requesters;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.PathIds;

/**
 * Candidates' literature mailings and the equal-treatment ledger (README, Elections): a thin layer
 * over {@link ElectionMailingService}. Its own root path, so it sits beside the elections resource.
 */
@Path("/api/v1/elections/{id}/mailings")
@Tag(name = "elections", description = "Elections, candidates' literature, official notices and list inspections")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class ElectionMailingsResource {

    private final ElectionMailingService mailings;

    public ElectionMailingsResource(ElectionMailingService mailings) {
        this.mailings = mailings;
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A declared candidate asks the union to distribute their literature",
            description = "To all of the electorate or a part inside it, by MAIL (members with a home address) or EMAIL "
                    + "(members with a home email; only if the election names an email vendor). Pieces are counted and "
                    + "priced at the election's published rate, the same for every candidate. ?dryRun=true answers the "
                    + "quote (200) and stores nothing. No answer holds member data. A declared, not withdrawn candidate "
                    + "of the election only (403 NOT_A_CANDIDATE).",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MailingBodies.Mailing.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Waiting for the election committee",
                        content = @Content(schema = @Schema(implementation = MailingViews.Created.class))),
                @ApiResponse(responseCode = "200", description = "dryRun: the quote",
                        content = @Content(schema = @Schema(implementation = MailingViews.Quote.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Not a declared candidate of this election"),
                @ApiResponse(responseCode = "404", description = "No such election"),
                @ApiResponse(responseCode = "409", description = "NO_EMAIL_VENDOR or ELECTION_OVER")
            })
    public Response submit(@Context SecurityContext security, @PathParam("id") String electionId,
                           @QueryParam("dryRun") boolean dryRun, MailingBodies.Mailing body) {
        Object answer = mailings.submit(Requesters.from(security), electionId, body, dryRun);
        if (answer instanceof MailingViews.Created created) {
            return Response.created(URI.create("/api/v1/elections/" + electionId + "/mailings/" + created.id()))
                    .entity(created).build();
        }
        return Response.ok(answer).build();
    }

    @GET
    @RolesAllowed({RoleNames.ELECTION_COMMITTEE, RoleNames.AUDITOR})
    @Operation(summary = "The equal-treatment ledger: every mailing of every candidate, and official notices",
            description = "Each with candidate, channel, scope, pieces, rate, cost, status and dates; the election's terms; "
                    + "equalTerms (every candidate's mailing at the published rate); and warnings where one candidate has "
                    + "had a mailing, a channel or a part of the electorate another has not. Roles: ELECTION_COMMITTEE, AUDITOR.",
            responses = @ApiResponse(responseCode = "200", description = "The ledger",
                    content = @Content(schema = @Schema(implementation = MailingViews.Ledger.class))))
    public MailingViews.Ledger ledger(@PathParam("id") String electionId) {
        return mailings.ledger(electionId);
    }

    @POST
    @Path("/{mid}/approval")
    @RolesAllowed(RoleNames.ELECTION_COMMITTEE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The election committee approves or rejects a mailing (eligibility and terms only)",
            description = "Never on content (29 CFR 452.70). Not the requester (403 SELF_APPROVAL), not a declared candidate "
                    + "of the election (403 APPROVER_IS_CANDIDATE). An approval makes the vendor extract (a VENDOR_SERVICE list "
                    + "request, listRequestId) for the election's mail or email vendor and builds it to the vendor's pinned key: "
                    + "status DELIVERED. Role: ELECTION_COMMITTEE.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MailingBodies.Approval.class))),
            responses = {
                @ApiResponse(responseCode = "200", description = "Decided",
                        content = @Content(schema = @Schema(implementation = ElectionMailing.class))),
                @ApiResponse(responseCode = "403", description = "Not yours to decide, or the policy denied the extract"),
                @ApiResponse(responseCode = "404", description = "No such election or mailing"),
                @ApiResponse(responseCode = "409", description = "Not pending, candidacy withdrawn, election over")
            })
    public ElectionMailing decide(@Context SecurityContext security, @PathParam("id") String electionId,
                                  @PathParam("mid") String mailingId, MailingBodies.Approval body) {
        long id = PathIds.positive(mailingId).orElseThrow(() -> MailingException.notFound("no such mailing"));
        return mailings.decide(Requesters.from(security), electionId, id, body);
    }
}
