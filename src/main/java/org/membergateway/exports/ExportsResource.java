package org.membergateway.exports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;

/** Downloading exports (CONTRACT §6); they are made at POST /list-requests/{id}/exports ({@link RequestExportsResource}). */
@Path("/api/v1/exports")
@Tag(name = "list requests", description = "Requests for member lists, their approval and exports")
@SecurityRequirement(name = "basic")
public class ExportsResource {

    public static final String PGP_ENCRYPTED = "application/pgp-encrypted";

    private final ExportService exports;

    public ExportsResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Produces({PGP_ENCRYPTED, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download an export",
            description = "One OpenPGP message. Each download is audited and counted; 410 once expired, destroyed or its "
                    + "download limit is used; 404 for anyone but the requester.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The encrypted export", content = @Content(mediaType = PGP_ENCRYPTED)),
                @ApiResponse(responseCode = "404", description = "No such export of yours"),
                @ApiResponse(responseCode = "410", description = "Expired, destroyed or used up")
            })
    public Response download(@Context SecurityContext security, @PathParam("id") String id) {
        return stream(exports, exports.claim(Requesters.from(security), id));
    }

    @POST
    @Path("/trace")
    @RolesAllowed(RoleNames.AUDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Trace a leaked list by its seed records",
            description = "Values copied from a list found where it should not be (email addresses, phone numbers, "
                    + "streets, names). Answers the exports whose planted seed records carry any of them, with the "
                    + "request and requester. Case-insensitive exact matches; up to 100 values. Audited with the count only.")
    public Map<String, List<ExportService.SeedMatch>> trace(@Context SecurityContext security, ExportService.TraceBody body) {
        return Map.of("matches", exports.trace(Requesters.from(security), body));
    }

    /** The response for a claimed download: the message, streamed from the store. */
    public static Response stream(ExportService exports, ExportService.Download download) {
        StreamingOutput body = out -> exports.stream(download, out);
        return Response.ok(body, PGP_ENCRYPTED)
                .header("Content-Disposition", "attachment; filename=\"export-" + download.id() + ".csv.gpg\"")
                .header("Content-Length", download.bytes())
                .build();
    }
}
