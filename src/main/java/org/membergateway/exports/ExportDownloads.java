package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTally;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;

/**
 * Downloads of built exports: a person fetches their own (README, List requests and exports), a vendor pulls its
 * extracts with its API key (README, Vendors). Every download is claimed (counted and audited) in one
 * transaction before a byte is sent; the last allowed one destroys the export once streamed.
 */
public final class ExportDownloads {

    /** Tallied reasons: no such export or not the caller's (the id is not kept); used up; expired or destroyed. */
    static final String NOT_VISIBLE = "EXPORT_NOT_VISIBLE";
    static final String DOWNLOAD_LIMIT = "DOWNLOAD_LIMIT_REACHED";
    static final String GONE = "EXPORT_GONE";

    private final Jdbi jdbi;
    private final ExportBlobStore blobs;
    private final ExportShredder shredder;
    private final ExtractAgreements agreements;
    private final AuditTrail audit;
    private final AuditTally refusals;
    private final Clock clock;

    /**
     * @param refusals where refused downloads are tallied (someone else's export, past its limit)
     * @param clock in the union's time zone: agreements are in force by calendar day
     */
    public ExportDownloads(Jdbi jdbi, ExportBlobStore blobs, ExportShredder shredder, ExtractAgreements agreements,
                           AuditTrail audit, AuditTally refusals, Clock clock) {
        this.jdbi = jdbi;
        this.blobs = blobs;
        this.shredder = shredder;
        this.agreements = agreements;
        this.audit = audit;
        this.refusals = refusals;
        this.clock = clock;
    }

    /** An export claimed for one download by its one rightful caller, ready to stream. */
    public record Download(UUID id, long blobId, long bytes, boolean last) {
    }

    /** An approved vendor extract with a ready export, as the vendor sees it (README, Vendors). */
    public record VendorExtract(long id, long rows,
                                @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                                @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime expiresAt) {
    }

    /**
     * {@code GET /exports/{id}}: one download of the person's own export, recorded as a release.
     * Someone else's export, a vendor extract, or a malformed id: 404. Refusals are tallied (below).
     */
    public Download claim(Requester caller, String exportId) {
        UUID id;
        try {
            id = parse(exportId);
        } catch (ExportException e) {
            refused(caller.actor(), NOT_VISIBLE);
            throw e;
        }
        return claim(id, caller.actor(), exports -> exports.lockForRequester(id, caller.username()));
    }

    /** {@code GET /vendor/extracts}: the vendor's extracts with a ready export, under agreements in force today. */
    public List<VendorExtract> vendorExtracts(long vendorId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        return jdbi.inTransaction(h -> {
            List<VendorExtract> extracts = h.attach(ExportDao.class).readyExtracts(vendorId, now).stream()
                    .filter(extract -> inForce(extract.agreementId(), today))
                    .map(extract -> new VendorExtract(extract.id(), extract.rows(), extract.createdAt(), extract.expiresAt()))
                    .toList();
            if (extracts.isEmpty() && !agreements.anyInForce(vendorId, today)) {
                throw ExportException.agreementNotInForce("no agreement of yours is in force today; nothing can be pulled");
            }
            return extracts;
        });
    }

    /**
     * {@code GET /vendor/extracts/{id}/content}: one download of the newest export of the vendor's
     * extract {@code requestId}. Another vendor's extract: 404.
     */
    public Download claimForVendor(long vendorId, long requestId) {
        Optional<ExportDao.VendorExtract> found = jdbi.withExtension(ExportDao.class,
                exports -> exports.vendorExtract(requestId, vendorId));
        if (found.isEmpty()) {
            refused("vendor:" + vendorId, NOT_VISIBLE);
            throw ExportException.notFound();
        }
        ExportDao.VendorExtract extract = found.get();
        if (!inForce(extract.agreementId(), LocalDate.now(clock))) {
            throw ExportException.agreementNotInForce("the agreement this extract was made under is no longer in force");
        }
        UUID id = Optional.ofNullable(extract.newestExportId()).orElseThrow(ExportException::extractNotReady);
        return claim(id, "vendor:" + vendorId, exports -> exports.lockForVendor(id, vendorId));
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
                shredder.destroy(download.id(), DestroyReason.DOWNLOAD_LIMIT);
            }
        }
    }

    /**
     * Claims one download. A refusal anyone could repeat at will (someone else's export, one past its
     * download limit, expired or destroyed) is tallied as ACCESS_REFUSED after the transaction has
     * rolled back and before the answer leaves: auditors see the probing, the trail is not flooded.
     */
    private Download claim(UUID id, String actor, Function<ExportDao, Optional<ExportDao.Claimable>> lock) {
        String[] refusal = new String[1];
        try {
            return claimInTransaction(id, actor, lock, refusal);
        } catch (ExportException e) {
            if (refusal[0] != null) {
                refused(actor, refusal[0]);
            }
            throw e;
        }
    }

    private Download claimInTransaction(UUID id, String actor, Function<ExportDao, Optional<ExportDao.Claimable>> lock,
                                        String[] refusal) {
        return jdbi.inTransaction(h -> {
            ExportDao exports = h.attach(ExportDao.class);
            Optional<ExportDao.Claimable> found = lock.apply(exports);
            if (found.isEmpty()) {
                refusal[0] = NOT_VISIBLE;
                throw ExportException.notFound();
            }
            ExportDao.Claimable export = found.get();
            if (export.status() == ExportStatus.BUILDING) {
                throw ExportException.building();
            }
            if (export.downloads() >= export.maxDownloads()) {
                refusal[0] = DOWNLOAD_LIMIT;
                throw ExportException.gone(export.maxDownloads());
            }
            if (export.status() != ExportStatus.READY || !OffsetDateTime.now(clock).isBefore(export.expiresAt())) {
                refusal[0] = GONE;
                throw ExportException.gone(export.maxDownloads());
            }
            exports.countDownload(id);
            audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, actor, "export:" + id).withDecision("DOWNLOADED")
                    .withRows(export.rowCount()).withExportDigest(export.sha256()));
            return new Download(id, export.blobId(), export.bytes(), export.downloads() + 1 >= export.maxDownloads());
        });
    }

    private void refused(String actor, String reason) {
        refusals.count(new AuditTally.Refusal(AuditEventType.ACCESS_REFUSED, actor, null, reason));
    }

    private boolean inForce(long agreementId, LocalDate day) {
        return agreements.agreement(agreementId).map(a -> a.inForceOn(day)).orElse(false);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ExportException.notFound();
        }
    }
}
