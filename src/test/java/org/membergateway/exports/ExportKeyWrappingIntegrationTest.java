package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.testing.TestDatabases;

/**
 * Export data keys wrapped under a key kept outside the database (docs/operations-retention.md,
 * "Crypto-shredding and backups"), on embedded PostgreSQL as the application role. A "backup" is
 * simulated by copying a blob's row (its wrapped key) and its large object before shredding, and
 * restoring both afterwards as the superuser, as restoring a database dump would.
 */
class ExportKeyWrappingIntegrationTest {

    private static TestDatabases.SplitRoles db;
    /** The gateway's wrapping key in every test: one database, so one key (as in production). */
    private static final ExportKeyWrapping KEK = ExportKeyWrapping.generate();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        db = TestDatabases.openFreshWithAppRole();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static final byte[] MESSAGE = "an OpenPGP message, as far as the store knows\n".repeat(500)
            .getBytes(StandardCharsets.US_ASCII);

    private static long write(Jdbi jdbi, ExportBlobStore store) {
        try {
            return jdbi.inTransaction(h -> {
                BlobWriter writer = store.create(h);
                writer.write(MESSAGE);
                return writer.finish().blobId();
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] read(Jdbi jdbi, ExportBlobStore store, long blobId) {
        try {
            return jdbi.inTransaction(h -> {
                try (InputStream in = store.open(h, blobId)) {
                    return in.readAllBytes();
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What a database backup holds of a blob: its row's key and its large object's bytes. */
    private record Backup(long blobId, long oid, byte[] wrappedKey, byte[] ciphertext) {
    }

    private static Backup backUp(long blobId) {
        return db.superuser().withHandle(h -> h.createQuery(
                        "SELECT id, lo_oid, data_key, lo_get(lo_oid) AS ciphertext FROM export_blobs WHERE id = :id")
                .bind("id", blobId)
                .map((rs, ctx) -> new Backup(rs.getLong("id"), rs.getLong("lo_oid"), rs.getBytes("data_key"),
                        rs.getBytes("ciphertext")))
                .one());
    }

    private static void restore(Backup backup) {
        db.superuser().useHandle(h -> {
            h.createQuery("SELECT lo_from_bytea(:oid, :bytes)").bind("oid", backup.oid()).bind("bytes", backup.ciphertext())
                    .mapTo(Long.class).one();
            // Restored as the application's, as a dump restored with its owners would be.
            h.execute("ALTER LARGE OBJECT " + backup.oid() + " OWNER TO " + TestDatabases.APP_ROLE);
            h.createUpdate("UPDATE export_blobs SET data_key = :key, destroyed_at = NULL WHERE id = :id")
                    .bind("key", backup.wrappedKey()).bind("id", backup.blobId()).execute();
        });
    }

    @Test
    void aWrappedExportDecryptsAndItsStoredKeyIsNoKeysetByItself() {
        ExportBlobStore store = new ExportBlobStore(KEK);
        long blobId = write(db.app(), store);

        assertThat(read(db.app(), store, blobId)).isEqualTo(MESSAGE);
        Backup row = backUp(blobId);
        assertThat(TestDatabases.one(db.superuser(), "SELECT key_wrapped FROM export_blobs WHERE id = " + blobId,
                Boolean.class)).isTrue();
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseKeyset(row.wrappedKey(), InsecureSecretKeyAccess.get()))
                .as("the stored key is ciphertext, not a keyset").isInstanceOf(GeneralSecurityException.class);
        // Another gateway's wrapping key opens nothing.
        assertThatThrownBy(() -> read(db.app(), new ExportBlobStore(ExportKeyWrapping.generate()), blobId))
                .isInstanceOf(ExportStoreException.class).hasMessageContaining("wrapping key");
    }

    @Test
    void afterShreddingABackupCopyOpensOnlyWithTheWrappingKeyAndNotAtAllOnceThatKeyIsRetired() {
        ExportKeyWrapping kek = KEK;
        ExportBlobStore store = new ExportBlobStore(kek);
        long shredded = write(db.app(), store);
        long kept = write(db.app(), store);
        Backup backup = backUp(shredded);

        db.app().useTransaction(h -> store.destroy(h, shredded));
        assertThat(TestDatabases.one(db.superuser(), "SELECT data_key IS NULL FROM export_blobs WHERE id = " + shredded,
                Boolean.class)).isTrue();
        assertThatThrownBy(() -> read(db.app(), store, shredded)).isInstanceOf(ExportBlobGoneException.class);

        // The window: a backup restored while the wrapping key in use then still exists reads again...
        restore(backup);
        assertThat(read(db.app(), store, shredded)).isEqualTo(MESSAGE);
        // ...but not without that key (the backup alone is not enough).
        assertThatThrownBy(() -> read(db.app(), new ExportBlobStore(ExportKeyWrapping.generate()), shredded))
                .isInstanceOf(ExportStoreException.class);
        db.app().useTransaction(h -> store.destroy(h, shredded));

        // Rotation: a new primary, every live key rewrapped under it, the old key removed.
        ExportKeyWrapping rotated = kek.rotated();
        assertThat(rotated.keys()).isEqualTo(2);
        assertThat(rotated.primaryKeyId()).isNotEqualTo(kek.primaryKeyId());
        ExportBlobStore rotatedStore = new ExportBlobStore(rotated);
        assertThat(read(db.app(), rotatedStore, kept)).as("old keys still unwrap until removed").isEqualTo(MESSAGE);
        assertThat(rotatedStore.rewrapAll(db.app())).isGreaterThanOrEqualTo(1);
        ExportKeyWrapping retired = rotated.withoutOldKeys();
        assertThat(retired.keys()).isEqualTo(1);
        ExportBlobStore retiredStore = new ExportBlobStore(retired);

        assertThat(read(db.app(), retiredStore, kept)).as("a live export survives the rotation").isEqualTo(MESSAGE);
        restore(backup);
        assertThatThrownBy(() -> read(db.app(), retiredStore, shredded))
                .as("the backup's copy was wrapped under the retired key: gone for good")
                .isInstanceOf(ExportStoreException.class);
        db.app().useTransaction(h -> store.destroy(h, shredded));
    }

    @Test
    void keysStoredBeforeWrappingAreWrappedAtStartAndStillRead() throws Exception {
        // A blob as V5..V14 stored it: its data key in the clear (key_wrapped false).
        StreamingAeadConfig.register();
        KeysetHandle legacyKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_4KB);
        ExportBlobStore store = new ExportBlobStore(KEK);
        long blobId = write(db.app(), store);
        byte[] plaintextKey = TinkProtoKeysetFormat.serializeKeyset(legacyKey, InsecureSecretKeyAccess.get());
        long oid = backUp(blobId).oid();
        byte[] legacyCiphertext;
        try (var out = new java.io.ByteArrayOutputStream();
             OutputStream enc = legacyKey.getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(),
                     com.google.crypto.tink.StreamingAead.class).newEncryptingStream(out,
                     ("member-gateway export blob " + blobId).getBytes(StandardCharsets.US_ASCII))) {
            enc.write(MESSAGE);
            enc.close();
            legacyCiphertext = out.toByteArray();
        }
        db.superuser().useHandle(h -> {
            h.createQuery("SELECT lo_unlink(:oid)").bind("oid", oid).mapTo(Integer.class).one();
            h.createQuery("SELECT lo_from_bytea(:oid, :bytes)").bind("oid", oid).bind("bytes", legacyCiphertext)
                    .mapTo(Long.class).one();
            h.execute("ALTER LARGE OBJECT " + oid + " OWNER TO " + TestDatabases.APP_ROLE);
            h.createUpdate("UPDATE export_blobs SET data_key = :key, key_wrapped = false WHERE id = :id")
                    .bind("key", plaintextKey).bind("id", blobId).execute();
        });
        assertThat(read(db.app(), store, blobId)).as("an unwrapped key stays readable").isEqualTo(MESSAGE);

        assertThat(store.wrapUnwrappedKeys(db.app())).isGreaterThanOrEqualTo(1);

        assertThat(TestDatabases.one(db.superuser(), "SELECT count(*) FROM export_blobs WHERE data_key IS NOT NULL"
                + " AND NOT key_wrapped", Long.class)).isZero();
        assertThat(backUp(blobId).wrappedKey()).isNotEqualTo(plaintextKey);
        assertThat(read(db.app(), store, blobId)).isEqualTo(MESSAGE);
        assertThat(store.wrapUnwrappedKeys(db.app())).as("nothing left to wrap").isZero();
    }

    @Test
    void theKeyFileIsMadeOwnerOnlyAtFirstStartAndReadBackTheSame() throws Exception {
        Path keys = dataDir.resolve("keys");
        ExportKeyWrapping first = ExportKeyWrapping.configuredOrKept("", keys);
        Path file = keys.resolve(ExportKeyWrapping.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        ExportKeyWrapping again = ExportKeyWrapping.configuredOrKept("", keys);
        assertThat(again.primaryKeyId()).isEqualTo(first.primaryKeyId());

        // The environment secret wins over the file, and a bad one fails without echoing it.
        ExportKeyWrapping configured = ExportKeyWrapping.configuredOrKept(ExportKeyWrapping.generate().stored(), keys);
        assertThat(configured.primaryKeyId()).isNotEqualTo(first.primaryKeyId());
        assertThatThrownBy(() -> ExportKeyWrapping.configuredOrKept("bm90IGEga2V5c2V0", keys))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("bm90IGEga2V5c2V0");

        // Rotation rewrites the file atomically, still owner-only; a rotated keyset reads back whole.
        first.rotated().writeTo(keys);
        assertThat(ExportKeyWrapping.configuredOrKept("", keys).keys()).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.stored().strip());
    }
}
