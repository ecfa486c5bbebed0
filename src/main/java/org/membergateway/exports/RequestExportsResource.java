package org.membergateway.exports;

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
import org.membergateway.http.PathIds;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;
import org.membergateway.requests.ListRequestException;

/**
 * Making an export of an approved list request (README, List requests and exports). Its own root path, longer than
 * {@code /api/v1/list-requests}, so JAX-RS routes {@code .../{id}/exports} here.
 */
@Path("/api/v1/list-requests/{id}/exports")
@Tag(name = "list requests", description = "Requests for member lists, their approval and exports")
@SecurityRequirement(name = "basic")
public class RequestExportsResource {

    private final ExportBuilder builder;

    public RequestExportsResource(ExportBuilder builder) {
        this.builder = builder;
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export an approved request",
            description = "The requester only. The policy decides again under today's rules (403 with reasons if it no longer "
                    + "allows it). Rows of the request's scope, audience and filters, exactly the requested fields, as CSV "
                    + "in one OpenPGP message (AES-256, SEIPD with MDC, signed by the gateway key): to your registered key "
                    + "(RECIPIENT_KEY) or under a one-time passphrase returned here once (PASSPHRASE). `rows` counts member "
                    + "rows only. The export expires (default 7 days) and allows 3 downloads.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExportBuilder.ExportBody.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Built", content = @Content(schema = @Schema(implementation = ExportBuilder.Created.class))),
                @ApiResponse(responseCode = "403", description = "The policy no longer allows it"),
                @ApiResponse(responseCode = "404", description = "No such request of yours"),
                @ApiResponse(responseCode = "409", description = "Not approved, approval expired, or no registered key",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response create(@Context SecurityContext security, @PathParam("id") String id, ExportBuilder.ExportBody body) {
        ExportBuilder.Created created = builder.create(Requesters.from(security), PathIds.positive(id).orElseThrow(ListRequestException::notFound), body);
        return Response.status(201).location(java.net.URI.create("/api/v1/exports/" + created.id()))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(created).build();
    }
}
