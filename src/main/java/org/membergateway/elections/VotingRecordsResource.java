package org.membergateway.elections;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.membergateway.auth.RoleNames;
import org.membergateway.auth.Requesters;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.StreamedBody;
import org.membergateway.members.ImportResult;

/**
 * Membership voting data in (AP&P XVI §6(e)). ADMIN, who loads the membership itself, and STAFF:
 * headquarters keeps the records of statewide elections (AP&P XVI §6), and staff already keep the
 * union's paper records in the gateway (acknowledgements, vendor extracts). Neither role can read
 * the records back: a VOTING_DATA list is decided by the policy like any other.
 */
@Path("/api/v1/voting-records")
@Tag(name = "voting records", description = "Membership voting data of statewide elections (AP&P XVI §6(e))")
public class VotingRecordsResource {

    private final VotingRecordImporter importer;
    private final long maxRows;

    public VotingRecordsResource(VotingRecordImporter importer, long maxRows) {
        this.importer = importer;
        this.maxRows = maxRows;
    }

    /** Read as it arrives and staged in the database: any size up to the row limit, in constant memory. */
    @POST
    @Path("/import")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.STAFF})
    @Timed
    @StreamedBody
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import voting records from CSV (all-or-nothing)",
            description = "RFC 4180 CSV, UTF-8, header row election_id,member_id,voted,method (any order; README, "
                    + "Voting records CSV). One row per member per election: voted true or false, method MAIL, ONLINE or "
                    + "IN_PERSON when voted, empty otherwise. New records are inserted and changed ones updated. Every "
                    + "member must exist. Any bad line rejects the whole file. Roles: ADMIN, STAFF.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "text/csv")),
            responses = {
                @ApiResponse(responseCode = "200", description = "Imported",
                        content = @Content(schema = @Schema(implementation = ImportResult.class))),
                @ApiResponse(responseCode = "400", description = "Bad file; names line and column, never a value; nothing imported",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Not ADMIN or STAFF",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "415", description = "Not sent as Content-Type: text/csv",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "503", description = "The audit trail could not record the import; nothing imported",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public ImportResult importVotingRecords(@Context SecurityContext security, InputStream csv) {
        try (VotingRecordCsvReader records = VotingRecordCsvReader.open(csv, maxRows)) {
            return importer.importRecords(records, Requesters.from(security).actor());
        }
    }
}
