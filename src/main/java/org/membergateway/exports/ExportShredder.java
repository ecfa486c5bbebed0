package org.membergateway.exports;

import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;

/**
 * Destroys one export: deletes its blob's data key and unlinks its ciphertext (crypto-shredding),
 * marks it DESTROYED and records why, in one transaction. Both the sweep (expiry) and the last
 * allowed download come here; destroying an export twice does nothing the second time.
 */
public final class ExportShredder {

    private final Jdbi jdbi;
    private final ExportBlobStore blobs;
    private final AuditTrail audit;

    public ExportShredder(Jdbi jdbi, ExportBlobStore blobs, AuditTrail audit) {
        this.jdbi = jdbi;
        this.blobs = blobs;
        this.audit = audit;
    }

    public void destroy(UUID exportId, DestroyReason reason) {
        jdbi.useTransaction(h -> destroyIn(h, exportId, reason));
    }

    /**
     * The same inside a transaction the caller owns (the retention purge destroys a whole set in
     * one, so what it reports is what it destroyed).
     *
     * @return false if the export was already destroyed
     */
    public boolean destroyIn(Handle h, UUID exportId, DestroyReason reason) {
        ExportDao exports = h.attach(ExportDao.class);
        ExportDao.Live live = exports.lockLive(exportId).orElse(null);
        if (live == null) {
            return false;
        }
        if (live.blobId() != null) {
            blobs.destroy(h, live.blobId());
        }
        exports.markDestroyed(exportId, reason);
        audit.record(AuditEvent.of(AuditEventType.EXPORT_DESTROYED, "system", "export:" + exportId)
                .withDecision(reason.name()));
        return true;
    }
}
