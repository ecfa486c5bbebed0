package org.membergateway.exports;

import io.swagger.v3.oas.annotations.Operation;
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
import java.util.List;
import java.util.Map;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;

/** Auditors trace a leaked list to the export it came from, by its seed records. */
@Path("/api/v1/exports/trace")
@Tag(name = "list requests", description = "Requests for member lists, their approval and exports")
@SecurityRequirement(name = "basic")
public class LeakTraceResource {

    private final LeakTracer tracer;

    public LeakTraceResource(LeakTracer tracer) {
        this.tracer = tracer;
    }

    @POST
    @RolesAllowed(RoleNames.AUDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Trace a leaked list by its seed records",
            description = "Values copied from a list found where it should not be: loose (`values`, up to 100) or as "
                    + "rows of it (`rows`, up to 100 of up to 40 cells), whatever its columns. Answers the seed records they "
                    + "pick out (a member id, phone or email address of a seed; its full name with its street or birthday; "
                    + "or its full name within one row), with the export, request and requester. Case-insensitive exact "
                    + "matches, phones by their digits. Audited with the count only.")
    public Map<String, List<SeedMatch>> trace(@Context SecurityContext security, LeakTracer.TraceBody body) {
        return Map.of("matches", tracer.trace(Requesters.from(security), body));
    }
}
