package org.membergateway.exports;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Rows of {@code export_blobs} (V5): where a blob's ciphertext is (a large object) and the data key
 * that opens it. Always attached to the transaction that also reads or writes the large object.
 */
interface ExportBlobDao {

    /**
     * A blob's large object, its data key (null once shredded), whether that key is wrapped (V19:
     * every key written since; older ones until the next start wraps them) and whether it was finished.
     */
    record BlobRow(long loOid, byte[] dataKey, boolean keyWrapped, boolean finished) {
        @Override
        public String toString() {
            return "BlobRow[" + loOid + ", key " + (dataKey == null ? "shredded" : "REDACTED") + ", finished=" + finished + "]";
        }
    }

    /** A live data key, for wrapping it (anew). */
    record LiveKey(long id, byte[] dataKey, boolean keyWrapped) {
        @Override
        public String toString() {
            return "LiveKey[" + id + ", REDACTED]";
        }
    }

    @SqlQuery("INSERT INTO export_blobs (lo_oid, data_key, key_wrapped) VALUES (:oid, :key, true) RETURNING id")
    long insert(@Bind("oid") long loOid, @Bind("key") byte[] dataKey);

    @SqlQuery("SELECT lo_oid, data_key, key_wrapped, sha256 IS NOT NULL AS finished FROM export_blobs WHERE id = :id")
    @RegisterConstructorMapper(BlobRow.class)
    Optional<BlobRow> find(@Bind("id") long blobId);

    @SqlQuery("""
            SELECT id, data_key, key_wrapped FROM export_blobs
            WHERE data_key IS NOT NULL AND (:all OR NOT key_wrapped) ORDER BY id FOR UPDATE""")
    @RegisterConstructorMapper(LiveKey.class)
    java.util.List<LiveKey> lockLiveKeys(@Bind("all") boolean wrappedToo);

    @SqlUpdate("UPDATE export_blobs SET data_key = :key, key_wrapped = true WHERE id = :id AND data_key IS NOT NULL")
    void replaceKey(@Bind("id") long blobId, @Bind("key") byte[] wrappedKey);

    @SqlQuery("SELECT lo_oid, data_key, key_wrapped, sha256 IS NOT NULL AS finished FROM export_blobs WHERE id = :id FOR UPDATE")
    @RegisterConstructorMapper(BlobRow.class)
    Optional<BlobRow> lock(@Bind("id") long blobId);

    /** Bytes held by live blobs: finished and not shredded (a blob being written is in no committed row yet). */
    @SqlQuery("SELECT COALESCE(SUM(ciphertext_bytes), 0) FROM export_blobs WHERE data_key IS NOT NULL")
    long liveBytes();

    /** Serializes the quota check with the commit of a blob, across instances (held to the transaction's end). */
    @SqlQuery("SELECT true FROM pg_advisory_xact_lock(:key)")
    boolean lockQuota(@Bind("key") long key);

    @SqlUpdate("UPDATE export_blobs SET ciphertext_bytes = :bytes, sha256 = :sha256 WHERE id = :id")
    void recordFinished(@Bind("id") long blobId, @Bind("bytes") long bytes, @Bind("sha256") byte[] sha256);

    /** Deletes the data key: from here on nothing can read the ciphertext, wherever a copy of it lies. */
    @SqlUpdate("UPDATE export_blobs SET data_key = NULL, destroyed_at = now() WHERE id = :id")
    void shredKey(@Bind("id") long blobId);

    /** Asked before unlinking, because unlinking a missing large object aborts the caller's whole transaction. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = :oid)")
    boolean largeObjectExists(@Bind("oid") long loOid);
}
