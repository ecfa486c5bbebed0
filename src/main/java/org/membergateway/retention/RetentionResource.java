package org.membergateway.retention;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.membergateway.auth.Requesters;
import org.membergateway.http.AdminOnly;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.InvalidParameterException;

@Path("/api/v1/retention")
@Tag(name = "retention", description = "Records disposal under the retention schedule (AP&P XVI)")
public class RetentionResource {

    private final RetentionPurge purge;

    public RetentionResource(RetentionPurge purge) {
        this.purge = purge;
    }

    /** {@code dryRun} must be given: a purge is never what a forgotten parameter means. */
    @POST
    @Path("/purge")
    @AdminOnly
    @Timed
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Purge records past their retention, or count them (dry run)",
            description = "Applies policies/retention.yml: dryRun=true counts per record type what would go and changes"
                    + " nothing; dryRun=false disposes of it (crypto-shreds export files, deletes or redacts rows),"
                    + " records each disposal in the audit trail and answers what went. Role: ADMIN.",
            responses = {
                @ApiResponse(responseCode = "200", description = "Counts per record type",
                        content = @Content(schema = @Schema(implementation = PurgeReport.class))),
                @ApiResponse(responseCode = "400", description = "dryRun missing or not true/false",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Not an ADMIN",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "409", description = "A purge is already running",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "503", description = "The audit trail could not record; nothing disposed of",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public PurgeReport purge(@Context SecurityContext security,
                             @Parameter(description = "true: count only; false: dispose", required = true)
                             @QueryParam("dryRun") String dryRun) {
        boolean dry = switch (dryRun == null ? "" : dryRun) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameterException("dryRun", "dryRun must be true or false");
        };
        return purge.run(dry, Requesters.from(security).actor());
    }
}
