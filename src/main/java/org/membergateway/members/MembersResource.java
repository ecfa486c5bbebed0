package org.membergateway.members;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.membergateway.auth.Requesters;
import org.membergateway.http.AdminOnly;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.StreamedBody;

@Path("/api/v1/members")
@Tag(name = "members", description = "The membership records the gateway guards")
public class MembersResource {

    private final MemberImporter importer;
    private final long maxRows;

    public MembersResource(MemberImporter importer, long maxRows) {
        this.importer = importer;
        this.maxRows = maxRows;
    }

    /** The CSV is read as it arrives: a file of any size is imported in constant memory. */
    @POST
    @Path("/import")
    @AdminOnly
    @Timed
    @StreamedBody
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import members from CSV (all-or-nothing)",
            description = "RFC 4180 CSV, UTF-8, header row with exactly the members CSV columns (README, Members CSV). "
                    + "New members are inserted and known ones updated; locals, regions and employer groups "
                    + "named in the file are created. Any bad line rejects the whole file. Role: ADMIN.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "text/csv")),
            responses = {
                @ApiResponse(responseCode = "200", description = "Imported",
                        content = @Content(schema = @Schema(implementation = ImportResult.class))),
                @ApiResponse(responseCode = "400", description = "Bad file; names line and column; nothing imported",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Not an ADMIN",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "415", description = "Not sent as Content-Type: text/csv",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "503", description = "The audit trail could not record the import; nothing imported",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public ImportResult importMembers(@Context SecurityContext security, InputStream csv) {
        try (MemberCsvReader rows = MemberCsvReader.open(csv, maxRows)) {
            return importer.importRows(rows, Requesters.from(security).actor(), MemberImporter.Progress.NONE);
        }
    }
}
