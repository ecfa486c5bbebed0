package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.http.ApiException;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.members.MemberSelection;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AgreementFact;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.DecisionView;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.Purpose;
import org.membergateway.requests.ListRequestException;
import org.membergateway.requests.ListRequestService;
import org.membergateway.requests.StoredRequest;
import org.postgresql.PGConnection;

/**
 * Builds, serves and destroys exports (CONTRACT §6). An export is built only for an approved
 * request that the policy still allows today; its rows come from one {@code COPY (SELECT ...)} over
 * the request's explicit scope, projected to exactly the requested fields, streamed through the
 * OpenPGP encryptor straight into the export store: plaintext exists only in memory, a buffer at a
 * time, whatever the size. The ciphertext and the READY status commit together, so a crash leaves
 * nothing to download.
 */
public final class ExportService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The armored public key a vendor extract is encrypted to: the one pinned in its agreement. */
    public interface VendorKeys {
        Optional<String> pinnedKey(Handle h, long agreementId);

        Optional<AgreementFact> agreement(Handle h, long agreementId);
    }

    private final Jdbi jdbi;
    private final ListRequestService requests;
    private final DecisionService decisions;
    private final ExportBlobStore blobs = new ExportBlobStore();
    private final OpenPgpExportEncryptor encryptor = new OpenPgpExportEncryptor();
    private final OneTimePassphrases passphrases = new OneTimePassphrases();
    private final SeedRecords seeds;
    private final GatewayOpenPgpKey gatewayKey;
    private final AuditTrail audit;
    private final ExportsConfiguration config;
    private final Clock clock;
    private volatile VendorKeys vendorKeys = new VendorKeys() {
        @Override
        public Optional<String> pinnedKey(Handle h, long agreementId) {
            return Optional.empty();
        }

        @Override
        public Optional<AgreementFact> agreement(Handle h, long agreementId) {
            return Optional.empty();
        }
    };

    public ExportService(Jdbi jdbi, ListRequestService requests, DecisionService decisions, GatewayOpenPgpKey gatewayKey,
                         AuditTrail audit, ExportsConfiguration config, Clock clock) {
        this.jdbi = jdbi;
        this.requests = requests;
        this.decisions = decisions;
        this.gatewayKey = gatewayKey;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.seeds = new SeedRecords(config.getSeedEmailDomain());
    }

    /** Where vendor extracts find their agreement and pinned key (the vendors capability). */
    public void useVendorKeys(VendorKeys keys) {
        this.vendorKeys = keys;
    }

    /** {@code POST /list-requests/{id}/exports} body. */
    public record ExportBody(String encryption) {
    }

    /** The answer to a new export (CONTRACT §6); the passphrase is shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, long rows, String sha256,
                          @JsonFormat(shape = JsonFormat.Shape.STRING)
                          OffsetDateTime expiresAt, String passphrase) {
        @Override
        public String toString() {
            return "Created[" + id + ", rows=" + rows + ", passphrase " + (passphrase == null ? "none" : "REDACTED") + "]";
        }
    }

    /** Denied at export time: the policy no longer allows what was approved. */
    public static final class ExportDeniedException extends RuntimeException {
        private final Decision decision;
        private final long auditSeq;

        ExportDeniedException(Decision decision, long auditSeq) {
            super("the policy no longer allows this request");
            this.decision = decision;
            this.auditSeq = auditSeq;
        }

        public Decision decision() {
            return decision;
        }

        public long auditSeq() {
            return auditSeq;
        }
    }

    private record Plan(UUID id, StoredRequest request, MemberSelection selection, List<String> fields,
                        ExportRecipient recipient, String encryption, long[] positions, List<byte[]> seedLines,
                        OffsetDateTime expiresAt) {
    }

    public Created create(Requester caller, long requestId, ExportBody body) {
        String encryption = body == null ? null : body.encryption();
        if (!"RECIPIENT_KEY".equals(encryption) && !"PASSPHRASE".equals(encryption)) {
            throw new InvalidParameterException("encryption",
                    "encryption: RECIPIENT_KEY (your registered OpenPGP key) or PASSPHRASE (a one-time passphrase shown once)");
        }
        char[] passphrase = "PASSPHRASE".equals(encryption) ? passphrases.next() : null;
        Plan plan = jdbi.inTransaction(h -> plan(h, caller, requestId, encryption, passphrase));
        try {
            Built built = build(plan);
            return new Created(plan.id().toString(), built.rows(), built.sha256(), plan.expiresAt(),
                    passphrase == null ? null : new String(passphrase));
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    private Plan plan(Handle h, Requester caller, long requestId, String encryption, char[] passphrase) {
        StoredRequest request = requests.store().find(h, requestId).orElseThrow(ListRequestException::notFound);
        if (!request.requester().equals(caller.username())) {
            throw ListRequestException.notFound();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String status = request.effectiveStatus(now);
        if (!"APPROVED".equals(status) || !now.isBefore(request.expiresAt())) {
            throw ListRequestException.conflict("NOT_APPROVED", "only an approved request can be exported; this one is "
                    + ("APPROVED".equals(status) ? "past its approval's validity (" + request.expiresAt() + ")" : status));
        }
        boolean vendor = Purpose.VENDOR_SERVICE.name().equals(request.purpose());
        Long agreementId = vendor ? agreementId(h, requestId) : null;
        AgreementFact agreement = agreementId == null ? null : vendorKeys.agreement(h, agreementId).orElse(null);
        // Decided again under today's policy: an approval does not outlive the requester's role,
        // scope or acknowledgement, nor the vendor's agreement.
        Optional<ListRequestService.Redecided> redecided = requests.redecide(h, caller, request, agreement);
        Decision today = redecided.map(ListRequestService.Redecided::decision).orElse(null);
        if (today == null || today.outcome() == Outcome.DENY) {
            long seq = audit.record(AuditEvent.of(AuditEventType.DECISION, caller.actor(), "list-request:" + requestId + ":export")
                    .withDecision("DENIED").withReasons(today == null ? List.of("DEFAULT_DENY") : today.ruleIds())
                    .withPolicyVersion(decisions.policy().version())).seq();
            if (today == null) {
                throw ListRequestException.conflict("REQUEST_NO_LONGER_VALID",
                        "the request's scope or campaign no longer exists; make a new request");
            }
            throw new ExportDeniedException(today, seq);
        }
        if (today.outcome() == Outcome.REQUIRE_APPROVAL
                && !Set.copyOf(DecisionView.approvers(today.approvers())).equals(Set.copyOf(request.approvers()))) {
            // E.g. the requester has since declared a candidacy: the approval they have is not the one needed now.
            audit.record(AuditEvent.of(AuditEventType.DECISION, caller.actor(), "list-request:" + requestId + ":export")
                    .withDecision("PENDING_APPROVAL").withReasons(today.ruleIds())
                    .withPolicyVersion(today.policyVersion()));
            throw ListRequestException.conflict("APPROVAL_OUTDATED", "the policy now asks for approval by "
                    + Approver.describeAny(today.approvers()) + " (" + today.approvers().get(0).role()
                    + "), which this request does not have; make a new request");
        }
        AccessRequest access = redecided.get().request();
        ExportRecipient recipient;
        String fingerprint = null;
        if ("PASSPHRASE".equals(encryption)) {
            if (vendor) {
                throw new InvalidParameterException("encryption",
                        "encryption: a vendor extract is encrypted to the key pinned in the vendor's agreement (RECIPIENT_KEY)");
            }
            recipient = new PassphraseRecipient(passphrase);
        } else {
            String armored = vendor ? vendorKeys.pinnedKey(h, agreementId).orElse(null) : personKey(h, caller.username());
            if (armored == null) {
                throw ListRequestException.conflict("NO_RECIPIENT_KEY", vendor ? "the vendor's agreement has no usable key"
                        : "register your OpenPGP public key first (PUT /api/v1/people/{username}/openpgp-key), or ask for PASSPHRASE");
            }
            PublicKeyRecipient key = PublicKeyRecipient.fromArmored(armored, clock.instant());
            recipient = key;
            fingerprint = key.fingerprint();
        }
        MemberSelection selection = MemberSelection.of(access, decisions.policy().purposes().get(access.purpose()).rows());
        long expectedRows = estimatedRows(h, selection);
        int seedCount = config.getSeedRecords();
        List<Map<String, String>> seedRecords = seeds.create(seedCount, workplace(h, selection),
                access.audience() == Audience.CAPE_CONTRIBUTORS);
        UUID id = UUID.randomUUID();
        OffsetDateTime expiresAt = now.plus(config.lifetime(request.purpose()));
        h.createUpdate("""
                        INSERT INTO exports (id, request_id, encryption, recipient_fingerprint, status, created_by, expires_at,
                                             max_downloads)
                        VALUES (:id, :request, :encryption, :fingerprint, 'BUILDING', :by, :expires, :max)""")
                .bind("id", id).bind("request", requestId).bind("encryption", encryption).bind("fingerprint", fingerprint)
                .bind("by", caller.username()).bind("expires", expiresAt).bind("max", config.getMaxDownloads())
                .execute();
        List<byte[]> lines = new ArrayList<>(seedCount);
        for (int i = 0; i < seedCount; i++) {
            Map<String, String> projected = new LinkedHashMap<>();
            for (String field : access.fields()) {
                projected.put(field, seedRecords.get(i).get(field));
            }
            h.createUpdate("INSERT INTO export_seeds (export_id, seed_no, record) VALUES (:id, :no, CAST(:record AS jsonb))")
                    .bind("id", id).bind("no", i).bind("record", json(projected)).execute();
            lines.add(csvLine(projected.values()));
        }
        return new Plan(id, request, selection, access.fields(), recipient, encryption,
                seeds.positions(seedCount, expectedRows), lines, expiresAt);
    }

    /** What a build stored: member rows written (seeds not counted) and the message's SHA-256. */
    private record Built(long rows, String sha256) {
    }

    /** Streams the rows into the store. */
    private Built build(Plan plan) {
        String copy = "COPY (" + plan.selection().selectSql(plan.fields()) + ") TO STDOUT (FORMAT csv, HEADER)";
        GatewayOpenPgpKey.SigningMaterial key = gatewayKey.signingMaterial();
        ExportSigner signer = new ExportSigner(key.privateKey(), key.publicKey());
        // Handles of their own (Jdbi.open, not withHandle, which would hand back this thread's open one): the rows
        // come over one while the store writes the large object on the transaction's, and progress
        // commits on a third so others see it while the export's own transaction is still open.
        try (Handle readerHandle = jdbi.open();
             Handle progressHandle = jdbi.open();
             PreparedStatement report = progressHandle.getConnection().prepareStatement(
                     "UPDATE exports SET rows_written = ?, progress_at = now() WHERE id = ?")) {
            Connection reader = readerHandle.getConnection();
            return jdbi.inTransaction(h -> {
                BlobWriter writer = blobs.create(h);
                SeedingCsvStream csv;
                try (OutputStream message = encryptor.open(writer, plan.recipient(), signer)) {
                    csv = new SeedingCsvStream(message, plan.positions(), plan.seedLines(), rows -> {
                        try {
                            report.setLong(1, rows);
                            report.setObject(2, plan.id());
                            report.executeUpdate();
                        } catch (SQLException e) {
                            throw new IllegalStateException("could not record the export's progress", e);
                        }
                    });
                    reader.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, csv);
                    csv.finish();
                }
                StoredBlob blob = writer.finish();
                h.createUpdate("""
                                UPDATE exports SET status = 'READY', blob_id = :blob, row_count = :rows, rows_written = :rows,
                                       seed_count = :seeds, bytes = :bytes, sha256 = :sha, ready_at = now(), progress_at = now()
                                WHERE id = :id""")
                        .bind("blob", blob.blobId()).bind("rows", csv.records())
                        .bind("seeds", csv.seedsPlanted()).bind("bytes", blob.bytes()).bind("sha", blob.sha256Hex())
                        .bind("id", plan.id()).execute();
                // Recorded before the answer leaves, inside the transaction: no trail entry, no export.
                audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, plan.request().requester(), "export:" + plan.id())
                        .withDecision("EXPORTED").withRows(csv.records())
                        .withExportDigest(blob.sha256Hex()).withPolicyVersion(decisions.policy().version()));
                return new Built(csv.records(), blob.sha256Hex());
            });
        } catch (Exception e) {
            // The transaction rolled back: no ciphertext, no large object. The row says so.
            jdbi.useHandle(h -> h.createUpdate("UPDATE exports SET status = 'FAILED', progress_at = now() WHERE id = :id AND status = 'BUILDING'")
                    .bind("id", plan.id()).execute());
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the export could not be built; nothing was kept", e);
        }
    }

    // ---- downloads ----------------------------------------------------------------------

    /** An export ready to stream to its one rightful caller. */
    public record Download(UUID id, long blobId, long bytes, boolean last) {
    }

    /** Gone: expired, destroyed, failed, or its download limit used (410). */
    public static final class ExportGoneException extends ApiException {
        ExportGoneException(String message) {
            super(410, "EXPORT_GONE", null, message);
        }
    }

    /**
     * Claims one download of the export for this person (its requester) and records the release.
     * Someone else's export, a vendor extract, or a malformed id: 404.
     */
    public Download claim(Requester caller, String exportId) {
        return claim(parse(exportId), caller.actor(), "r.requester_id = (SELECT id FROM people WHERE username = :who) AND r.vendor_id IS NULL",
                caller.username());
    }

    /** An approved vendor extract with a ready export, as the vendor sees it (CONTRACT §7). */
    public record VendorExtract(long id, long rows,
                                @JsonFormat(shape = JsonFormat.Shape.STRING)
                                OffsetDateTime createdAt,
                                @JsonFormat(shape = JsonFormat.Shape.STRING)
                                OffsetDateTime expiresAt) {
    }

    /** A vendor without an agreement in force pulls nothing (confidentiality §3): 403 AGREEMENT_INVALID. */
    public static final class AgreementNotInForceException extends ApiException {
        AgreementNotInForceException(String message) {
            super(403, "AGREEMENT_INVALID", null, message + " (confidentiality §3)");
        }
    }

    /** {@code GET /vendor/extracts}: the vendor's extracts with a ready export, under agreements in force today. */
    public List<VendorExtract> vendorExtracts(long vendorId) {
        return jdbi.withHandle(h -> {
            List<Map<String, Object>> rows = h.createQuery("""
                            SELECT r.id AS request_id, r.agreement_id, e.row_count, e.created_at, e.expires_at
                            FROM list_requests r JOIN exports e ON e.request_id = r.id
                            WHERE r.vendor_id = :v AND e.status = 'READY' AND e.expires_at > now()
                              AND e.downloads < e.max_downloads
                            ORDER BY e.created_at DESC""")
                    .bind("v", vendorId).mapToMap().list();
            boolean anyInForce = false;
            List<VendorExtract> extracts = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                if (inForce(h, ((Number) row.get("agreement_id")).longValue())) {
                    anyInForce = true;
                    extracts.add(new VendorExtract(((Number) row.get("request_id")).longValue(),
                            ((Number) row.get("row_count")).longValue(), toOffset(row.get("created_at")),
                            toOffset(row.get("expires_at"))));
                }
            }
            if (!anyInForce && !vendorHasAgreementInForce(h, vendorId)) {
                throw new AgreementNotInForceException("no agreement of yours is in force today; nothing can be pulled");
            }
            return extracts;
        });
    }

    /**
     * {@code GET /vendor/extracts/{id}/content}: claims one download of the newest ready export of
     * the vendor's extract {@code requestId}. Another vendor's extract: 404.
     */
    public Download claimForVendor(long vendorId, long requestId) {
        UUID exportId = jdbi.withHandle(h -> {
            Map<String, Object> row = h.createQuery("""
                            SELECT r.agreement_id, (SELECT e.id FROM exports e WHERE e.request_id = r.id
                                                    ORDER BY e.created_at DESC LIMIT 1) AS export_id
                            FROM list_requests r WHERE r.id = :id AND r.vendor_id = :v""")
                    .bind("id", requestId).bind("v", vendorId).mapToMap().findOne()
                    .orElseThrow(ExportNotFoundException::new);
            if (!inForce(h, ((Number) row.get("agreement_id")).longValue())) {
                throw new AgreementNotInForceException("the agreement this extract was made under is no longer in force");
            }
            if (row.get("export_id") == null) {
                throw ListRequestException.conflict("EXPORT_NOT_READY", "the union has not built this extract yet");
            }
            return (UUID) row.get("export_id");
        });
        return claim(exportId, "vendor:" + vendorId, "r.vendor_id = CAST(:who AS bigint)", Long.toString(vendorId));
    }

    private boolean inForce(Handle h, long agreementId) {
        return vendorKeys.agreement(h, agreementId).map(a -> a.inForceOn(LocalDate.now(clock))).orElse(false);
    }

    private boolean vendorHasAgreementInForce(Handle h, long vendorId) {
        return h.createQuery("SELECT id FROM vendor_agreements WHERE vendor_id = :v AND active").bind("v", vendorId)
                .mapTo(Long.class).list().stream().anyMatch(id -> inForce(h, id));
    }

    private Download claim(UUID id, String actor, String ownerCondition, String who) {
        return jdbi.inTransaction(h -> {
            Map<String, Object> row = h.createQuery("""
                            SELECT e.status, e.blob_id, e.bytes, e.downloads, e.max_downloads, e.expires_at, e.row_count, e.sha256
                            FROM exports e JOIN list_requests r ON r.id = e.request_id
                            WHERE e.id = :id AND
                            """ + " " + ownerCondition + " FOR UPDATE OF e")
                    .bind("id", id).bind("who", who).mapToMap().findOne()
                    .orElseThrow(() -> new ExportNotFoundException());
            OffsetDateTime now = OffsetDateTime.now(clock);
            String status = (String) row.get("status");
            if ("BUILDING".equals(status)) {
                throw ListRequestException.conflict("EXPORT_BUILDING", "the export is still being built; its request shows the progress");
            }
            int downloads = (Integer) row.get("downloads");
            int max = (Integer) row.get("max_downloads");
            if (!"READY".equals(status) || !now.isBefore(toOffset(row.get("expires_at"))) || downloads >= max) {
                throw new ExportGoneException("the export has expired, been destroyed or used its " + max
                        + " downloads; ask for a new export");
            }
            h.createUpdate("UPDATE exports SET downloads = downloads + 1 WHERE id = :id").bind("id", id).execute();
            audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, actor, "export:" + id).withDecision("DOWNLOADED")
                    .withRows(((Number) row.get("row_count")).longValue()).withExportDigest((String) row.get("sha256")));
            return new Download(id, ((Number) row.get("blob_id")).longValue(), ((Number) row.get("bytes")).longValue(),
                    downloads + 1 >= max);
        });
    }

    /** Streams a claimed export; after the last allowed download, destroys it. */
    public void stream(Download download, OutputStream out) throws IOException {
        try {
            jdbi.useTransaction(h -> {
                try (InputStream in = blobs.open(h, download.blobId())) {
                    in.transferTo(out);
                }
            });
        } finally {
            if (download.last()) {
                destroy(download.id(), "DOWNLOAD_LIMIT");
            }
        }
    }

    /** No export with this id that the caller may see. */
    public static final class ExportNotFoundException extends ApiException {
        ExportNotFoundException() {
            super(404, "NOT_FOUND", null, "no such export");
        }
    }

    // ---- expiry ---------------------------------------------------------------------------

    /**
     * Destroys every export past its expiry or download limit (crypto-shredding its ciphertext)
     * and marks builds that stopped making progress as failed. Returns how many were destroyed.
     */
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE exports SET status = 'FAILED' WHERE status = 'BUILDING' AND progress_at < :stalled""")
                .bind("stalled", now.minus(config.getStalledAfter().toJavaDuration())).execute());
        List<Map<String, Object>> due = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, CASE WHEN expires_at <= :now THEN 'EXPIRED' ELSE 'DOWNLOAD_LIMIT' END AS reason
                        FROM exports
                        WHERE status IN ('READY', 'FAILED') AND (expires_at <= :now OR downloads >= max_downloads)""")
                .bind("now", now).mapToMap().list());
        for (Map<String, Object> export : due) {
            destroy((UUID) export.get("id"), (String) export.get("reason"));
        }
        return due.size();
    }

    private void destroy(UUID id, String reason) {
        jdbi.useTransaction(h -> {
            Optional<Long> blob = h.createQuery("SELECT blob_id FROM exports WHERE id = :id AND status <> 'DESTROYED' FOR UPDATE")
                    .bind("id", id).mapTo(Long.class).findOne();
            if (blob.isEmpty() && h.createQuery("SELECT count(*) FROM exports WHERE id = :id AND status <> 'DESTROYED'")
                    .bind("id", id).mapTo(Long.class).one() == 0) {
                return;
            }
            blob.ifPresent(blobId -> blobs.destroy(h, blobId));
            h.createUpdate("""
                            UPDATE exports SET status = 'DESTROYED', destroyed_at = now(), destroyed_reason = :reason
                            WHERE id = :id""")
                    .bind("reason", reason).bind("id", id).execute();
            audit.record(AuditEvent.of(AuditEventType.EXPORT_DESTROYED, "system", "export:" + id).withDecision(reason));
        });
    }

    // ---- views ------------------------------------------------------------------------------

    /** An export as its request's view lists it: status and progress, never its content. */
    public record ExportView(String id, String status, long rowsWritten, Long rows, String sha256, String encryption,
                             @JsonFormat(shape = JsonFormat.Shape.STRING)
                             OffsetDateTime createdAt,
                             @JsonFormat(shape = JsonFormat.Shape.STRING)
                             OffsetDateTime expiresAt, int downloadsLeft) {
    }

    public List<ExportView> exportsOf(long requestId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, status, rows_written, row_count, sha256, encryption, created_at, expires_at,
                               max_downloads - downloads AS left
                        FROM exports WHERE request_id = :r ORDER BY created_at""")
                .bind("r", requestId)
                .map((rs, ctx) -> new ExportView(rs.getString("id"), rs.getString("status"), rs.getLong("rows_written"),
                        (Long) rs.getObject("row_count"), rs.getString("sha256"), rs.getString("encryption"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
                        rs.getInt("left")))
                .list());
    }

    // ---- leak tracing ---------------------------------------------------------------------

    public static final int MAX_TRACE_VALUES = 100;
    public static final int MAX_TRACE_VALUE = 254;

    /** {@code POST /exports/trace} body: values found in a list that turned up where it should not. */
    public record TraceBody(List<String> values) {
    }

    /** A seed record that carries one of the values: the export it was planted in, and who asked for it. */
    public record SeedMatch(String exportId, long requestId, String requester, Long vendorId,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime exportedAt, int seedNo,
                            String field) {
    }

    /**
     * Finds the exports whose seed records carry any of the values (an email address, a phone
     * number, a street...). Audited with the number of matches only: the values an auditor pastes
     * may be real members' data.
     */
    public List<SeedMatch> trace(Requester auditor, TraceBody body) {
        List<String> values = body == null || body.values() == null ? List.of() : body.values();
        if (values.isEmpty() || values.size() > MAX_TRACE_VALUES) {
            throw new InvalidParameterException("values", "values: 1 to " + MAX_TRACE_VALUES + " values from the leaked list");
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank() || value.length() > MAX_TRACE_VALUE
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidParameterException("values[" + i + "]", "values[" + i + "]: 1 to " + MAX_TRACE_VALUE
                        + " characters, no control characters");
            }
        }
        String[] wanted = values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        List<SeedMatch> matches = jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id, e.request_id, p.username, r.vendor_id, e.created_at, s.seed_no, kv.key
                        FROM export_seeds s
                        CROSS JOIN LATERAL jsonb_each_text(s.record) AS kv
                        JOIN exports e ON e.id = s.export_id
                        JOIN list_requests r ON r.id = e.request_id
                        JOIN people p ON p.id = r.requester_id
                        WHERE lower(kv.value) = ANY (:values)
                        ORDER BY e.created_at, s.seed_no""")
                .bind("values", wanted)
                .map((rs, ctx) -> new SeedMatch(rs.getString(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getInt(6), rs.getString(7)))
                .list());
        audit.record(AuditEvent.of(AuditEventType.LEAK_TRACE, auditor.actor(), "exports:trace")
                .withDecision(matches.isEmpty() ? "NO_MATCH" : "MATCHED").withRows(matches.size()));
        return matches;
    }

    // ---- helpers ----------------------------------------------------------------------------

    /**
     * The planner's estimate of the selection's size: enough to spread the seed records through
     * the list (any left over go at its end), without counting a million rows before copying them.
     */
    private static long estimatedRows(Handle h, MemberSelection selection) {
        String plan = h.createQuery("EXPLAIN (FORMAT JSON) " + selection.countSql().replace("count(*)", "1"))
                .mapTo(String.class).one();
        try {
            return Math.max(0, JSON.readTree(plan).path(0).path("Plan")
                    .path("Plan Rows").asLong());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's plan did not read as JSON", e);
        }
    }

    private static Long agreementId(Handle h, long requestId) {
        return h.createQuery("SELECT agreement_id FROM list_requests WHERE id = :id").bind("id", requestId)
                .mapTo(Long.class).findOne().orElse(null);
    }

    private static String personKey(Handle h, String username) {
        return h.createQuery("SELECT openpgp_public_key FROM people WHERE username = :u").bind("u", username)
                .mapTo(String.class).findOne().orElse(null);
    }

    /** Work fields of one member of the selection, so seeds blend into the list's workplaces. */
    private static Map<String, String> workplace(Handle h, MemberSelection selection) {
        List<String> work = List.of("local_id", "region", "employer_group", "employer", "worksite", "classification");
        Map<String, String> values = new LinkedHashMap<>();
        h.createQuery(selection.selectSql(work) + " LIMIT 1").mapToMap().findOne().ifPresentOrElse(row -> {
            for (String field : work) {
                Object value = row.get(field);
                values.put(field, value == null ? "" : value.toString());
            }
        }, () -> work.forEach(field -> values.put(field, "")));
        return values;
    }

    private static byte[] csvLine(Iterable<String> values) {
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ExportNotFoundException();
        }
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value);
    }
}
