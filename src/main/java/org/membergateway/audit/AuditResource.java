package org.membergateway.audit;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.membergateway.audit.AuditProofs.ConsistencyProof;
import org.membergateway.audit.AuditProofs.InclusionProof;
import org.membergateway.audit.AuditStore.StoredCheckpoint;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.QueryParameters;

/**
 * The audit trail for auditors (README, Audit trail). Search, verification and proofs are for the AUDITOR
 * role. The checkpoint and its verifier key are public, so anyone can hold the gateway to what it
 * signed.
 */
@Path("/api/v1/audit")
@Tag(name = "audit", description = "The tamper-evident audit trail: search, verification, signed checkpoints, proofs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    /** One page of search results; {@code nextAfterSeq} is the cursor for the next page, null on the last. */
    public record EntriesPage(List<AuditEntry> entries, Long nextAfterSeq) {
    }

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Path("/entries")
    @RolesAllowed(RoleNames.AUDITOR)
    @Timed
    @Operation(summary = "Search the audit trail",
            description = "Entries in seq order, filtered; page with afterSeq = the previous page's nextAfterSeq. "
                    + "from is inclusive, to exclusive. Role: AUDITOR.",
            responses = {
                @ApiResponse(responseCode = "200", description = "A page of entries",
                        content = @Content(schema = @Schema(implementation = EntriesPage.class))),
                @ApiResponse(responseCode = "400", description = "A parameter is malformed or out of range",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "401", description = "No or bad credentials"),
                @ApiResponse(responseCode = "403", description = "Not an auditor",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public EntriesPage entries(
            @Parameter(description = "username (exact)") @QueryParam("actor") String actor,
            @Parameter(description = "event type, e.g. DECISION") @QueryParam("action") String action,
            @Parameter(description = "decision, e.g. DENIED") @QueryParam("decision") String decision,
            @Parameter(description = "ISO-8601 time or date, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 time or date, exclusive") @QueryParam("to") String to,
            @Parameter(description = "return entries after this seq (cursor)") @QueryParam("afterSeq") String afterSeq,
            @Parameter(description = "page size, 1-" + AuditQuery.MAX_LIMIT + ", default " + AuditQuery.DEFAULT_LIMIT)
            @QueryParam("limit") String limit) {
        Instant fromTime = QueryParameters.instant("from", from);
        Instant toTime = QueryParameters.instant("to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new InvalidParameterException("from", "from must be before to");
        }
        AuditQuery query = new AuditQuery(
                QueryParameters.text("actor", actor, AuditEvent.MAX_ACTOR),
                QueryParameters.enumValue("action", action, AuditEventType.class),
                QueryParameters.matching("decision", decision, TOKEN, "an upper-case token such as DENIED"),
                fromTime, toTime,
                QueryParameters.longValue("afterSeq", afterSeq, 0, Long.MAX_VALUE, 0L),
                QueryParameters.longValue("limit", limit, 1, AuditQuery.MAX_LIMIT, (long) AuditQuery.DEFAULT_LIMIT).intValue());
        List<AuditEntry> entries = audit.search(query);
        Long next = entries.size() == query.limit() ? entries.get(entries.size() - 1).seq() : null;
        return new EntriesPage(entries, next);
    }

    @GET
    @Path("/verification")
    @RolesAllowed(RoleNames.AUDITOR)
    @Timed
    @Operation(summary = "Verify the whole audit trail",
            description = "Recomputes every entry's hash and chain link and every checkpoint's Merkle root and signature. "
                    + "The verification is itself recorded (AUDIT_VERIFICATION). Role: AUDITOR.",
            responses = {
                @ApiResponse(responseCode = "200", description = "{valid: true, entries, head} or {valid: false, firstInvalidSeq, reason}",
                        content = @Content(schema = @Schema(implementation = AuditVerification.class))),
                @ApiResponse(responseCode = "401", description = "No or bad credentials"),
                @ApiResponse(responseCode = "403", description = "Not an auditor",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "503", description = "The verification could not be recorded",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public AuditVerification verification(@Context SecurityContext security) {
        return audit.verifyAndRecord(Requesters.from(security).actor());
    }

    @GET
    @Path("/checkpoint")
    @PermitAll
    @Produces(TEXT_UTF8)
    @Operation(summary = "The latest signed checkpoint",
            description = "A C2SP tlog-checkpoint signed note: origin, tree size, base64 RFC 6962 root hash, a blank line, "
                    + "and an Ed25519 signature line; verify it with GET /api/v1/audit/verifier-key. No authentication.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The signed note", content = @Content(mediaType = "text/plain")),
                @ApiResponse(responseCode = "404", description = "No checkpoint has been signed yet")
            })
    public String checkpoint() {
        return audit.latestCheckpoint().map(StoredCheckpoint::note)
                .orElseThrow(() -> notFound("NO_CHECKPOINT", "No checkpoint has been signed yet."));
    }

    @GET
    @Path("/verifier-key")
    @PermitAll
    @Produces(TEXT_UTF8)
    @Operation(summary = "The checkpoints' verifier key",
            description = "C2SP signed-note verifier key: <name>+<hex key hash>+<base64(0x01 || Ed25519 public key)>. "
                    + "No authentication.",
            responses = @ApiResponse(responseCode = "200", description = "The verifier key",
                    content = @Content(mediaType = "text/plain")))
    public String verifierKey() {
        return audit.verifierKey();
    }

    @GET
    @Path("/entries/{seq}/proof")
    @RolesAllowed(RoleNames.AUDITOR)
    @Timed
    @Operation(summary = "Inclusion proof of one entry (RFC 6962 audit path)",
            description = "Proves entry seq (leaf index seq-1) is in the tree of the first treeSize entries. treeSize defaults "
                    + "to the latest checkpoint's, whose signed root the proof then leads to. Role: AUDITOR.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The proof",
                        content = @Content(schema = @Schema(implementation = InclusionProof.class))),
                @ApiResponse(responseCode = "401", description = "No or bad credentials"),
                @ApiResponse(responseCode = "403", description = "Not an auditor"),
                @ApiResponse(responseCode = "400", description = "seq or treeSize out of range",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such entry",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public InclusionProof proof(@PathParam("seq") String seq,
                                @Parameter(description = "tree size, seq..current size") @QueryParam("treeSize") String treeSize) {
        long entry = QueryParameters.longValue("seq", seq, 1, Long.MAX_VALUE, null);
        long size = audit.size();
        if (entry > size) {
            throw notFound("NOT_FOUND", "There is no audit entry " + entry + "; the trail has " + size + ".");
        }
        Long tree = QueryParameters.longValue("treeSize", treeSize, 1, Long.MAX_VALUE, null);
        if (tree == null) {
            tree = audit.latestCheckpoint().map(StoredCheckpoint::treeSize).filter(s -> s >= entry)
                    .orElseThrow(() -> new InvalidParameterException("treeSize", "entry " + entry
                            + " is not in a checkpoint yet; pass treeSize (at most " + size + ") or retry after the next checkpoint"));
        }
        if (tree < entry || tree > size) {
            throw new InvalidParameterException("treeSize", "treeSize must be between " + entry + " and " + size);
        }
        return audit.proofs().inclusion(entry, tree);
    }

    @GET
    @Path("/consistency")
    @RolesAllowed(RoleNames.AUDITOR)
    @Timed
    @Operation(summary = "Consistency proof between two tree sizes (RFC 6962)",
            description = "Proves the tree of the first `first` entries is a prefix of the tree of the first `second`. "
                    + "second defaults to the latest checkpoint's tree size. Role: AUDITOR.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The proof",
                        content = @Content(schema = @Schema(implementation = ConsistencyProof.class))),
                @ApiResponse(responseCode = "401", description = "No or bad credentials"),
                @ApiResponse(responseCode = "403", description = "Not an auditor"),
                @ApiResponse(responseCode = "400", description = "A size is out of range",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public ConsistencyProof consistency(
            @Parameter(description = "the older tree size, at least 1") @QueryParam("first") String first,
            @Parameter(description = "the newer tree size, first..current size") @QueryParam("second") String second) {
        long size = audit.size();
        Long older = QueryParameters.longValue("first", first, 1, Long.MAX_VALUE, null);
        if (older == null) {
            throw new InvalidParameterException("first", "first is required");
        }
        Long newer = QueryParameters.longValue("second", second, 1, Long.MAX_VALUE, null);
        if (newer == null) {
            newer = audit.latestCheckpoint().map(StoredCheckpoint::treeSize).orElse(size);
        }
        if (older > newer || newer > size) {
            throw new InvalidParameterException("second", "sizes must satisfy 1 <= first <= second <= " + size);
        }
        return audit.proofs().consistency(older, newer);
    }

    private static WebApplicationException notFound(String code, String message) {
        return new WebApplicationException(Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(code, message))
                .build());
    }
}
