package org.membergateway.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Where an OpenPGP message goes into the export store ({@link ExportBlobStore#create}). Write the
 * message, then {@link #finish()}: it seals the last segment and records size and SHA-256. Closing
 * without finishing (an export that failed part way) shreds the blob, so even a caller that
 * commits anyway leaves nothing readable.
 */
public final class BlobWriter extends OutputStream {

    private final ExportBlobStore store;
    private final Handle handle;
    private final long blobId;
    private final OutputStream encrypting;
    private final MessageDigest sha256;
    private final long allowance;
    private long bytes;
    private boolean done;

    /** @param allowance the most this blob may hold: the quota less the live blobs when it was started */
    BlobWriter(ExportBlobStore store, Handle handle, long blobId, OutputStream encrypting, long allowance) {
        this.store = store;
        this.allowance = allowance;
        this.handle = handle;
        this.blobId = blobId;
        this.encrypting = encrypting;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The blob's id, known from the start (e.g. to name it in the audit trail before it is finished). */
    public long blobId() {
        return blobId;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (done) {
            throw new IOException("export blob " + blobId + " is already finished or closed");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > allowance - bytes) {
            // Stops the build here; what was written rolls back with its transaction.
            throw store.full(store.quotaBytes() - allowance);
        }
        encrypting.write(b, off, len);
        sha256.update(b, off, len);
        bytes += len;
    }

    /** Ends the blob and records its size and digest; the caller then commits its transaction. */
    public StoredBlob finish() throws IOException {
        if (done) {
            throw new IOException("export blob " + blobId + " is already finished or closed");
        }
        done = true;
        // Writes the final segment (Tink marks it last, so truncation is caught when reading) and
        // closes the large object.
        encrypting.close();
        byte[] digest = sha256.digest();
        // Other blobs may have been committed while this one was written.
        store.checkQuotaAtFinish(handle, bytes);
        store.recordFinished(handle, blobId, bytes, digest);
        return new StoredBlob(blobId, bytes, digest);
    }

    /** After {@link #finish()} nothing; before it, shreds the unfinished blob. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            encrypting.close();
        } catch (IOException | RuntimeException ignored) {
            // The large object is about to be unlinked; its last segment does not matter.
        }
        store.destroy(handle, blobId);
    }
}
