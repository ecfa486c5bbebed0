package org.membergateway.exports;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.exports.ExportBlobDao.BlobRow;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * Export ciphertext (OpenPGP messages) at rest in PostgreSQL large objects, so every gateway
 * instance can serve every export and nothing lives on one instance's disk.
 *
 * <p>Each blob is encrypted once more under a data key of its own (Tink StreamingAead,
 * AES256-GCM-HKDF with 4 KiB segments), kept in its {@code export_blobs} row wrapped (encrypted) under
 * the {@link ExportKeyWrapping} key, which lives outside the database. 4 KiB, not 1 MiB:
 * on JDK 17 here Tink seals 4 KiB segments at ~400 MiB/s but 1 MiB ones at ~50 MiB/s (the JDK's
 * GCM is slow on very large single calls); the cost is a 16-byte tag per 4 KiB (0.4%). {@link #destroy}
 * deletes that key and unlinks the large object: pages of the large object that linger (freed
 * heap space not yet overwritten, WAL segments, a disk image) are then noise. A backup or WAL archive
 * taken before the destruction still holds the wrapped key, but it opens nothing without the wrapping
 * key; once the wrapping key in use then is retired (rotation, old key removed) or the backup ages
 * out, the export is gone for good (docs/operations-retention.md, "Crypto-shredding and backups").
 *
 * <p>Every call takes a Jdbi {@link Handle} inside a transaction the caller owns: large objects
 * only exist within transactions, and the caller commits once the export is complete, so a crash
 * or kill part way leaves neither row nor large object (both roll back). Reading streams through
 * the same transaction, so the caller keeps it open until the response is sent.
 *
 * <p>Memory is constant whatever the size: Tink holds one segment each way, and the large object
 * is written and read through {@value #CHUNK_BYTES}-byte buffers, one server call per chunk.
 */
public final class ExportBlobStore {

    /** The most one large-object call carries: bounds the server round trip, not the blob. */
    static final int CHUNK_BYTES = 256 * 1024;
    private static final String ASSOCIATED_DATA_PREFIX = "member-gateway export blob ";

    /** Advisory lock taken from a blob's quota check at its finish to the commit ("exportqu"). */
    static final long QUOTA_LOCK = 0x6578706f72747175L;

    /** The store's use against its quota, for the health check. */
    public record Usage(long usedBytes, long quotaBytes, boolean full) {
        public long percent() {
            return quotaBytes == 0 ? 100 : Math.min(100, usedBytes * 100 / quotaBytes);
        }
    }

    private final Configuration tink;
    private final ExportKeyWrapping wrapping;
    private final long quotaBytes;
    // The live total when this instance last refused a build for want of room; -1 when none since it went down.
    private final java.util.concurrent.atomic.AtomicLong refusedAtBytes = new java.util.concurrent.atomic.AtomicLong(-1);

    /** A store without a quota (tests of the store itself, and commands that only destroy). */
    public ExportBlobStore(ExportKeyWrapping wrapping) {
        this(wrapping, Long.MAX_VALUE);
    }

    /**
     * @param wrapping the key, kept outside the database, that wraps every blob's data key
     * @param quotaBytes the most the live blobs (OpenPGP message bytes, finished and not shredded)
     *     may hold together ({@code exports.storeQuotaBytes}); a blob that would cross it is refused
     */
    public ExportBlobStore(ExportKeyWrapping wrapping, long quotaBytes) {
        if (quotaBytes < 1) {
            throw new IllegalArgumentException("the export store quota must be at least one byte");
        }
        this.wrapping = wrapping;
        this.quotaBytes = quotaBytes;
        try {
            // Idempotent; Tink's public way to make its StreamingAead key types known.
            StreamingAeadConfig.register();
            this.tink = RegistryConfiguration.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's StreamingAead is not available in this JVM", e);
        }
    }

    /**
     * Starts a new blob: write the OpenPGP message into the returned writer, then call
     * {@link BlobWriter#finish()}. Closing the writer without finishing shreds what was written.
     */
    public BlobWriter create(Handle handle) {
        requireTransaction(handle);
        // Checked before anything is written, and again while writing and at the finish (BlobWriter).
        long used = handle.attach(ExportBlobDao.class).liveBytes();
        if (used >= quotaBytes) {
            throw new java.io.UncheckedIOException(full(used));
        }
        LargeObjectManager largeObjects = largeObjects(handle);
        KeysetHandle dataKey;
        byte[] serializedKey;
        try {
            dataKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
            serializedKey = wrapping.wrap(dataKey);
        } catch (GeneralSecurityException e) {
            throw new ExportStoreException("could not make a data key for the export blob", e);
        }
        long oid;
        LargeObject largeObject;
        try {
            oid = largeObjects.createLO(LargeObjectManager.READWRITE);
            largeObject = largeObjects.open(oid, LargeObjectManager.WRITE);
        } catch (SQLException e) {
            throw new ExportStoreException("could not create a large object for the export blob", e);
        }
        long blobId = handle.attach(ExportBlobDao.class).insert(oid, serializedKey);
        OutputStream encrypting;
        try {
            encrypting = streamingAead(dataKey).newEncryptingStream(
                    new BufferedOutputStream(new LargeObjectOutputStream(largeObject), CHUNK_BYTES),
                    associatedData(blobId));
        } catch (GeneralSecurityException | IOException e) {
            throw new ExportStoreException("could not start encrypting export blob " + blobId, e);
        }
        return new BlobWriter(this, handle, blobId, encrypting, quotaBytes - used);
    }

    /**
     * At a blob's finish: takes the quota lock (held until the caller's transaction ends, so
     * blobs finishing at once on any instance are counted one after the other) and refuses the
     * blob if the live blobs and it would cross the quota.
     */
    void checkQuotaAtFinish(Handle handle, long bytes) throws ExportStoreFullException {
        ExportBlobDao blobs = handle.attach(ExportBlobDao.class);
        blobs.lockQuota(QUOTA_LOCK);
        long used = blobs.liveBytes();
        if (bytes > quotaBytes - used) {
            throw full(used);
        }
    }

    /** The refusal of a blob for want of room; remembered for the health check. */
    ExportStoreFullException full(long usedBytes) {
        refusedAtBytes.set(usedBytes);
        return new ExportStoreFullException(usedBytes, quotaBytes);
    }

    /** The live total and whether the store is full (see {@link ExportStoreHealthCheck}). */
    public Usage usage(Handle handle) {
        long used = handle.attach(ExportBlobDao.class).liveBytes();
        long refusedAt = refusedAtBytes.get();
        if (refusedAt >= 0 && used < refusedAt) {
            // Room was made since the refusal (an export downloaded for the last time, expired or destroyed).
            refusedAtBytes.compareAndSet(refusedAt, -1);
            refusedAt = -1;
        }
        return new Usage(used, quotaBytes, used >= quotaBytes || refusedAt >= 0);
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    /**
     * Streams the OpenPGP message of a finished blob. Read it inside the same transaction; a blob
     * whose stored bytes were altered fails while reading, with an {@link IOException}.
     *
     * @throws ExportBlobGoneException if the blob has been destroyed
     * @throws ExportStoreException if there is no such blob or it was never finished
     */
    public InputStream open(Handle handle, long blobId) {
        requireTransaction(handle);
        BlobRow row = handle.attach(ExportBlobDao.class).find(blobId)
                .orElseThrow(() -> new ExportStoreException("there is no export blob " + blobId));
        if (row.dataKey() == null) {
            throw new ExportBlobGoneException(blobId);
        }
        if (!row.finished()) {
            throw new ExportStoreException("export blob " + blobId + " was never finished");
        }
        StreamingAead aead;
        try {
            aead = streamingAead(dataKey(row.dataKey(), row.keyWrapped()));
        } catch (GeneralSecurityException e) {
            throw new ExportStoreException("the data key of export blob " + blobId
                    + " is damaged or was wrapped under a wrapping key this gateway no longer has", e);
        }
        LargeObject largeObject;
        try {
            largeObject = largeObjects(handle).open(row.loOid(), LargeObjectManager.READ);
        } catch (SQLException e) {
            throw new ExportStoreException("the large object of export blob " + blobId + " cannot be opened", e);
        }
        try {
            return aead.newDecryptingStream(
                    new BufferedInputStream(new LargeObjectInputStream(largeObject), CHUNK_BYTES), associatedData(blobId));
        } catch (GeneralSecurityException | IOException e) {
            closeQuietly(largeObject);
            throw new ExportStoreException("could not start decrypting export blob " + blobId, e);
        }
    }

    /**
     * Shreds a blob: deletes its data key, unlinks its large object and records when. Calling it
     * again for the same blob does nothing.
     *
     * @throws ExportStoreException if there is no such blob
     */
    public void destroy(Handle handle, long blobId) {
        requireTransaction(handle);
        ExportBlobDao blobs = handle.attach(ExportBlobDao.class);
        BlobRow row = blobs.lock(blobId)
                .orElseThrow(() -> new ExportStoreException("there is no export blob " + blobId));
        if (row.dataKey() == null) {
            return;
        }
        blobs.shredKey(blobId);
        if (blobs.largeObjectExists(row.loOid())) {
            try {
                largeObjects(handle).delete(row.loOid());
            } catch (SQLException e) {
                throw new ExportStoreException("could not unlink the large object of export blob " + blobId, e);
            }
        }
    }

    /**
     * Wraps every live data key still stored in the clear (blobs made before keys were wrapped,
     * V19) under the primary wrapping key. Run at every start; then nothing readable without the
     * wrapping key is left in the table.
     *
     * @return how many keys it wrapped
     */
    public int wrapUnwrappedKeys(Jdbi jdbi) {
        return rewrap(jdbi, false);
    }

    /**
     * Wraps every live data key anew under the current primary wrapping key (rotation): afterwards
     * no live export needs the keys rotated out, so they can be removed.
     *
     * @return how many keys it rewrapped
     */
    public int rewrapAll(Jdbi jdbi) {
        return rewrapAll(jdbi, rewrapped -> { });
    }

    /**
     * {@link #rewrapAll(Jdbi)}, calling {@code beforeCommit} with the count inside the transaction:
     * the rotation records itself in the audit trail there, so a trail that cannot record rolls the
     * rewrapping back (the keyset still holds the old keys then, so every export stays readable).
     */
    public int rewrapAll(Jdbi jdbi, java.util.function.IntConsumer beforeCommit) {
        return rewrap(jdbi, true, beforeCommit);
    }

    private int rewrap(Jdbi jdbi, boolean wrappedToo) {
        return rewrap(jdbi, wrappedToo, done -> { });
    }

    private int rewrap(Jdbi jdbi, boolean wrappedToo, java.util.function.IntConsumer beforeCommit) {
        return jdbi.inTransaction(h -> {
            ExportBlobDao blobs = h.attach(ExportBlobDao.class);
            int done = 0;
            for (ExportBlobDao.LiveKey key : blobs.lockLiveKeys(wrappedToo)) {
                try {
                    blobs.replaceKey(key.id(), wrapping.wrap(dataKey(key.dataKey(), key.keyWrapped())));
                } catch (GeneralSecurityException e) {
                    throw new ExportStoreException("the data key of export blob " + key.id()
                            + " cannot be unwrapped with the wrapping keys this gateway has", e);
                }
                done++;
            }
            beforeCommit.accept(done);
            return done;
        });
    }

    private KeysetHandle dataKey(byte[] stored, boolean wrapped) throws GeneralSecurityException {
        return wrapped ? wrapping.unwrap(stored) : TinkProtoKeysetFormat.parseKeyset(stored, InsecureSecretKeyAccess.get());
    }

    /** Records the size and digest of a written blob; called by {@link BlobWriter#finish()}. */
    void recordFinished(Handle handle, long blobId, long bytes, byte[] sha256) {
        handle.attach(ExportBlobDao.class).recordFinished(blobId, bytes, sha256);
    }

    private StreamingAead streamingAead(KeysetHandle keys) throws GeneralSecurityException {
        return keys.getPrimitive(tink, StreamingAead.class);
    }

    /** Binds each stored ciphertext to its row: a large object moved under another row's key fails. */
    private static byte[] associatedData(long blobId) {
        return (ASSOCIATED_DATA_PREFIX + blobId).getBytes(StandardCharsets.US_ASCII);
    }

    private static void requireTransaction(Handle handle) {
        if (!handle.isInTransaction()) {
            throw new ExportStoreException("the export store needs a handle inside a transaction"
                    + " (large objects exist only within one); use jdbi.inTransaction(...)");
        }
    }

    private static LargeObjectManager largeObjects(Handle handle) {
        try {
            return handle.getConnection().unwrap(PGConnection.class).getLargeObjectAPI();
        } catch (SQLException e) {
            throw new ExportStoreException("the export store needs a PostgreSQL JDBC connection", e);
        }
    }

    static void closeQuietly(LargeObject largeObject) {
        try {
            largeObject.close();
        } catch (SQLException ignored) {
            // Only a descriptor; the transaction's end closes it anyway.
        }
    }

    /** Writes to a large object at most {@value #CHUNK_BYTES} bytes per call. */
    private static final class LargeObjectOutputStream extends OutputStream {
        private final LargeObject largeObject;
        private boolean closed;

        LargeObjectOutputStream(LargeObject largeObject) {
            this.largeObject = largeObject;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                for (int done = 0; done < len; ) {
                    int n = Math.min(CHUNK_BYTES, len - done);
                    largeObject.write(b, off + done, n);
                    done += n;
                }
            } catch (SQLException e) {
                throw new IOException("writing the large object failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    largeObject.close();
                } catch (SQLException e) {
                    throw new IOException("closing the large object failed: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Reads a large object at most {@value #CHUNK_BYTES} bytes per call. */
    private static final class LargeObjectInputStream extends InputStream {
        private final LargeObject largeObject;
        private boolean closed;

        LargeObjectInputStream(LargeObject largeObject) {
            this.largeObject = largeObject;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                int n = largeObject.read(b, off, Math.min(len, CHUNK_BYTES));
                return n <= 0 ? -1 : n;
            } catch (SQLException e) {
                throw new IOException("reading the large object failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closeQuietly(largeObject);
            }
        }
    }
}
