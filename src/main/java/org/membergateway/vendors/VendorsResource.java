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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.membergateway.http.PathIds;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;
import org.membergateway.requests.ListRequestView;
import org.membergateway.requests.ListRequestViews;
import org.membergateway.requests.DeniedView;

/** Vendors, their agreements and extracts, as the union's people manage them (README, Vendors). */
@Path("/api/v1/vendors")
@Tag(name = "vendors", description = "Vendor agreements, extracts and destruction attestations")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class VendorsResource {

    private final VendorService vendors;
    private final ListRequestViews requestViews;

    /** {@code requestViews} answers extracts exactly as list requests are answered (README, List requests and exports). */
    public VendorsResource(VendorService vendors, ListRequestViews requestViews) {
        this.vendors = vendors;
        this.requestViews = requestViews;
    }

    /** The body of {@code GET /vendors/attestations/overdue}. */
    public record OverdueView(long dueAfterDays, List<OverdueExtract> extracts) {
    }

    @POST
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a vendor with its first agreement",
            description = "The agreement's fields must lie within its service's profile (policies/vendor-services.yml); "
                    + "membership_status also needs membershipStatusJustification (confidentiality §4). The OpenPGP key "
                    + "must be able to receive extracts from now to validUntil; its fingerprint is pinned. The API key is "
                    + "in this answer only (the gateway keeps its HMAC digest). Role: ADMIN.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewVendor.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created; the API key is shown once",
                        content = @Content(schema = @Schema(implementation = CreatedVendor.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response create(@Context SecurityContext security, NewVendor body) {
        CreatedVendor created = vendors.create(Requesters.from(security), body);
        return Response.created(URI.create("/api/v1/vendors/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({RoleNames.ADMIN, RoleNames.STAFF, RoleNames.AUDITOR})
    @Operation(summary = "Vendors, each with its current (or latest) agreement", description = "Roles: ADMIN, STAFF, AUDITOR.")
    public List<VendorView> list() {
        return vendors.list();
    }

    @GET
    @Path("/attestations/overdue")
    @RolesAllowed({RoleNames.STAFF, RoleNames.AUDITOR})
    @Operation(summary = "Approved vendor extracts with no destruction attestation, overdue",
            description = "Approved longer ago than vendors.attestationDueAfter (default 30 days), oldest first, "
                    + "500 at most. Roles: STAFF, AUDITOR.")
    public OverdueView overdue() {
        return new OverdueView(vendors.attestationDueAfterDays(), vendors.overdue());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.STAFF, RoleNames.AUDITOR})
    @Operation(summary = "A vendor and all its agreements, newest first",
            description = "Agreements show the pinned key's fingerprint; API keys and their digests never appear. "
                    + "Roles: ADMIN, STAFF, AUDITOR.")
    public VendorView get(@PathParam("id") String id) {
        return vendors.get(parseId(id));
    }

    @POST
    @Path("/{id}/agreements")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new agreement for the vendor; its current agreement ends",
            description = "The only way to change a vendor's key, fields, service or dates: an agreement is never "
                    + "edited. Extracts made under the old agreement keep pointing at it. Role: ADMIN.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewAgreement.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created",
                        content = @Content(schema = @Schema(implementation = AgreementView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such vendor")
            })
    public Response newAgreement(@Context SecurityContext security, @PathParam("id") String id, NewAgreement body) {
        long vendorId = parseId(id);
        AgreementView created = vendors.newAgreement(Requesters.from(security), vendorId, body);
        return Response.created(URI.create("/api/v1/vendors/" + vendorId)).entity(created).build();
    }

    @POST
    @Path("/{id}/agreements/{agreementId}/end")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "End an agreement now (terminated, breached, no longer needed)",
            description = "No extract can be made or exported under it afterwards. 409 if it has already ended. Role: ADMIN.")
    public AgreementView endAgreement(@Context SecurityContext security, @PathParam("id") String id,
                                      @PathParam("agreementId") String agreementId) {
        return vendors.endAgreement(Requesters.from(security), parseId(id), parseId(agreementId));
    }

    @POST
    @Path("/{id}/api-key")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "Issue the vendor a new API key; the old one stops working at once",
            description = "Rotation, or a new key after a revocation. The key is in this answer only (the gateway keeps "
                    + "its HMAC digest). Audited. Role: ADMIN.",
            responses = {
                @ApiResponse(responseCode = "201", description = "Issued; the API key is shown once",
                        content = @Content(schema = @Schema(implementation = IssuedApiKey.class))),
                @ApiResponse(responseCode = "404", description = "No such vendor")
            })
    public Response rotateKey(@Context SecurityContext security, @PathParam("id") String id) {
        IssuedApiKey issued = vendors.rotateKey(Requesters.from(security), parseId(id));
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @DELETE
    @Path("/{id}/api-key")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "Revoke the vendor's API key",
            description = "The key stops working at once; the vendor has none until POST /vendors/{id}/api-key issues "
                    + "one. Its agreements are not touched. Audited. 409 NO_API_KEY if it has none. Role: ADMIN.",
            responses = {
                @ApiResponse(responseCode = "200", description = "Revoked: the vendor, with keyRevokedAt",
                        content = @Content(schema = @Schema(implementation = VendorView.class))),
                @ApiResponse(responseCode = "404", description = "No such vendor"),
                @ApiResponse(responseCode = "409", description = "The vendor has no API key")
            })
    public VendorView revokeKey(@Context SecurityContext security, @PathParam("id") String id) {
        return vendors.revokeKey(Requesters.from(security), parseId(id));
    }

    @POST
    @Path("/{id}/extracts")
    @RolesAllowed(RoleNames.STAFF)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request an extract for the vendor under its agreement",
            description = "A list request with purpose VENDOR_SERVICE (same ids), decided on the vendor's current agreement: "
                    + "202 PENDING_APPROVAL (EXECUTIVE_DIRECTOR or DESIGNEE approve at POST /api/v1/list-requests/{id}/approval), "
                    + "403 AGREEMENT_INVALID (none, ended or expired) or FIELD_NOT_IN_AGREEMENT. Role: STAFF.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExtractBody.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Approved", content = @Content(schema = @Schema(implementation = ListRequestView.class))),
                @ApiResponse(responseCode = "202", description = "Waiting for approval", content = @Content(schema = @Schema(implementation = ListRequestView.class))),
                @ApiResponse(responseCode = "400", description = "Malformed; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Denied, with reasons",
                        content = @Content(schema = @Schema(implementation = DeniedView.class))),
                @ApiResponse(responseCode = "404", description = "No such vendor")
            })
    public Response requestExtract(@Context SecurityContext security, @PathParam("id") String id, ExtractBody body) {
        return requestViews.created(vendors.requestExtract(Requesters.from(security), parseId(id), body));
    }

    @POST
    @Path("/{vendorId}/extracts/{id}/destruction")
    @RolesAllowed(RoleNames.STAFF)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a vendor's destruction attestation on its behalf (e.g. a signed paper statement)",
            description = "The vendor's own approved extract only (404 otherwise); one per extract (409). Role: STAFF.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DestructionBody.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Recorded", content = @Content(schema = @Schema(implementation = AttestationView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it"),
                @ApiResponse(responseCode = "404", description = "No such vendor, or no such extract of this vendor"),
                @ApiResponse(responseCode = "409", description = "Not approved, or already attested")
            })
    public Response attest(@Context SecurityContext security, @PathParam("vendorId") String vendorId,
                           @PathParam("id") String id, DestructionBody body) {
        AttestationView attestation = vendors.attest(Requesters.from(security), parseId(vendorId), parseId(id), body);
        return Response.status(Response.Status.CREATED).entity(attestation).build();
    }

    /** A malformed id names nothing: 404, like any other unknown id. */
    static long parseId(String id) {
        return PathIds.positive(id).orElseThrow(() -> VendorException.notFound("no such vendor, agreement or extract"));
    }
}
