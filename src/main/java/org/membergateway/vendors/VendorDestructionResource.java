package org.membergateway.vendors;

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
import org.membergateway.auth.Requester;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;

/**
 * A vendor attests, with its API key, that it destroyed an extract's data. Its own path (and not
 * a method of the vendor extract resource) so that resource can own {@code /api/v1/vendor/extracts}.
 */
@Path("/api/v1/vendor/extracts/{id}/destruction")
@Tag(name = "vendors")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class VendorDestructionResource {

    private final VendorService vendors;

    public VendorDestructionResource(VendorService vendors) {
        this.vendors = vendors;
    }

    @POST
    @RolesAllowed(RoleNames.VENDOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attest that an extract's data was destroyed",
            description = "The id is the extract's (list request's) id. Only your own approved extract: any other id is 404; "
                    + "one attestation per extract (409 after). Vendors only (Authorization: Bearer <API key>).",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DestructionBody.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = AttestationView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it"),
                @ApiResponse(responseCode = "404", description = "Not one of your extracts"),
                @ApiResponse(responseCode = "409", description = "Not approved, or already attested")
            })
    public Response attest(@Context SecurityContext security, @PathParam("id") String id, DestructionBody body) {
        Requester vendor = Requesters.from(security);
        AttestationView attestation = vendors.attest(vendor, vendor.vendorId(), VendorsResource.parseId(id), body);
        return Response.status(Response.Status.CREATED).entity(attestation).build();
    }
}
