package org.membergateway.exports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.CountedRead;

/** Downloading exports (README, List requests and exports); they are made at POST /list-requests/{id}/exports ({@link RequestExportsResource}). */
@Path("/api/v1/exports")
@Tag(name = "list requests", description = "Requests for member lists, their approval and exports")
@SecurityRequirement(name = "basic")
public class ExportsResource {

    private final ExportDownloads downloads;

    public ExportsResource(ExportDownloads downloads) {
        this.downloads = downloads;
    }

    @GET
    @CountedRead
    @Path("/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Produces({DownloadResponse.PGP_ENCRYPTED, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download an export",
            description = "One OpenPGP message. Each download is audited and counted; 410 once expired, destroyed or its "
                    + "download limit is used; 404 for anyone but the requester.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The encrypted export", content = @Content(mediaType = DownloadResponse.PGP_ENCRYPTED)),
                @ApiResponse(responseCode = "404", description = "No such export of yours"),
                @ApiResponse(responseCode = "410", description = "Expired, destroyed or used up")
            })
    public Response download(@Context SecurityContext security, @PathParam("id") String id) {
        return DownloadResponse.of(downloads, downloads.claim(Requesters.from(security), id));
    }

}
