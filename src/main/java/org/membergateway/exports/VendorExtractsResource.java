package org.membergateway.exports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.membergateway.http.PathIds;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.CountedRead;

/** Vendors pull their own approved extracts with their API key (README, Vendors). */
@Path("/api/v1/vendor/extracts")
@Tag(name = "vendors", description = "Vendor agreements and extracts")
@SecurityRequirement(name = "bearer")
public class VendorExtractsResource {

    private final ExportDownloads downloads;

    public VendorExtractsResource(ExportDownloads downloads) {
        this.downloads = downloads;
    }

    @GET
    @RolesAllowed(RoleNames.VENDOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Your ready extracts",
            description = "Extracts (ids are their list-request ids) with an export ready to pull, under an agreement in force "
                    + "today. 403 AGREEMENT_INVALID once no agreement of yours is in force.")
    public List<ExportDownloads.VendorExtract> list(@Context SecurityContext security) {
        return downloads.vendorExtracts(Requesters.from(security).vendorId());
    }

    @GET
    @CountedRead
    @Path("/{id}/content")
    @RolesAllowed(RoleNames.VENDOR)
    @Produces({DownloadResponse.PGP_ENCRYPTED, MediaType.APPLICATION_JSON})
    @Operation(summary = "Pull an extract",
            description = "One OpenPGP message encrypted to the key pinned in your agreement and signed by the gateway. "
                    + "Audited and counted; 410 once expired or used up; 404 for another vendor's extract.",
            responses = @ApiResponse(responseCode = "200", description = "The encrypted extract",
                    content = @Content(mediaType = DownloadResponse.PGP_ENCRYPTED)))
    public Response content(@Context SecurityContext security, @PathParam("id") String id) {
        return DownloadResponse.of(downloads, downloads.claimForVendor(Requesters.from(security).vendorId(),
                PathIds.positive(id).orElseThrow(ExportException::notFound)));
    }
}
