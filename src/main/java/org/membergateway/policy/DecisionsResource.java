package org.membergateway.policy;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;

/** {@code POST /decisions}: what the policy would decide, and why, without creating anything (README, List requests and exports). */
@Path("/api/v1/decisions")
@Tag(name = "policy", description = "The confidentiality policy: decisions and their explanations")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {

    private final DecisionService decisions;

    public DecisionsResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate a request against the policy",
            description = "Same body as POST /list-requests. Answers 200 with the status the request would get "
                    + "(APPROVED, PENDING_APPROVAL or DENIED), every reason with its rule id and the clause of the policy it "
                    + "implements, and who may approve. Nothing is created; the evaluation is audited. Any signed-in person.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AccessRequestBody.class))),
            responses = {
                @ApiResponse(responseCode = "200", description = "The decision",
                        content = @Content(schema = @Schema(implementation = DecisionView.class))),
                @ApiResponse(responseCode = "400", description = "Malformed request; `field` names what is wrong",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public DecisionView evaluate(@Context SecurityContext security, AccessRequestBody body) {
        DecisionService.Evaluated evaluated = decisions.evaluate(Requesters.from(security), body);
        return DecisionView.of(evaluated.decision(), evaluated.auditSeq());
    }
}
