package org.membergateway.acknowledgements;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;

/** Confidentiality acknowledgements (README, Confidentiality acknowledgements; docs/acknowledgements.md). */
@Path("/api/v1/acknowledgements")
@Tag(name = "acknowledgements")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class AcknowledgementsResource {

    private final AcknowledgementService acknowledgements;

    public AcknowledgementsResource(AcknowledgementService acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a text by typing your name",
            description = "The current version of a document (GET /api/v1/policy-documents) in one of its languages; "
                    + "typedName must be your display name (case and extra spaces do not matter). Answers with the "
                    + "signed receipt: verify `signature` over `receipt` with gpg and GET /api/v1/keys/openpgp. "
                    + "Any person, for themself only.",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = NewAcknowledgement.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Recorded and signed",
                        content = @Content(schema = @Schema(implementation = Acknowledgement.class))),
                @ApiResponse(responseCode = "400", description = "Unknown document, version or language, a version that is "
                        + "not current, or a typed name that is not yours; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "`username` is someone else's",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response acknowledge(@Context SecurityContext security, @Context HttpServletRequest request,
                                NewAcknowledgement body) {
        Acknowledgement created = acknowledgements.acknowledge(Requesters.from(security), body,
                new AcknowledgementService.Client(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("/paper")
    @RolesAllowed(RoleNames.STAFF)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log an acknowledgement signed on paper",
            description = "signedOn is the date on the form (YYYY-MM-DD, not in the future, not longer ago than the "
                    + "validity); the expiry counts from it. The receipt says method: PAPER and who logged it. Role: STAFF.",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = PaperAcknowledgement.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Recorded and signed",
                        content = @Content(schema = @Schema(implementation = Acknowledgement.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Not STAFF")
            })
    public Response recordPaper(@Context SecurityContext security, PaperAcknowledgement body) {
        Acknowledgement created = acknowledgements.recordPaper(Requesters.from(security).actor(), body);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "A person's acknowledgements, newest first",
            description = "Without username: your own. STAFF and AUDITOR may ask for anyone's.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The acknowledgements",
                        content = @Content(array = @ArraySchema(schema = @Schema(implementation = Acknowledgement.class)))),
                @ApiResponse(responseCode = "403", description = "Someone else's, and not STAFF or AUDITOR")
            })
    public List<Acknowledgement> list(@Context SecurityContext security,
                                      @Parameter(description = "whose; default yourself") @QueryParam("username") String username) {
        return acknowledgements.list(Requesters.from(security), username);
    }

    @GET
    @Path("/status")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Whether a person may receive member data as far as acknowledgements go",
            description = "CURRENT, MISSING, OUTDATED or EXPIRED overall and per required document, and where to sign. "
                    + "Without username: your own. STAFF and AUDITOR may ask for anyone's.",
            responses = @ApiResponse(responseCode = "200", description = "The status",
                    content = @Content(schema = @Schema(implementation = AcknowledgementService.StatusReport.class))))
    public AcknowledgementService.StatusReport status(@Context SecurityContext security,
                                                      @QueryParam("username") String username) {
        return acknowledgements.report(Requesters.from(security), username);
    }
}
