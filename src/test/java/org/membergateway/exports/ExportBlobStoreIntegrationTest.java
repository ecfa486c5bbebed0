package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;

/**
 * The export store on embedded PostgreSQL, as the application role through the gateway's own
 * connection pool (so the PgJDBC unwrap is tested through the pool's proxies).
 */
class ExportBlobStoreIntegrationTest {

    private static TestDatabases.SplitRoles db;
    private static ManagedDataSource pool;
    private static Jdbi app;
    private static GnuPg gpg;
    private static PublicKeyRecipient recipient;
    private static ExportSigner signer;

    private final ExportBlobStore store = new ExportBlobStore(ExportKeyWrapping.generate());

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.openFreshWithAppRole();
        pool = db.database().dataSourceFactory().build(new MetricRegistry(), "exports-test");
        pool.start();
        app = GatewayDatabase.jdbi(pool);
        gpg = GnuPg.inTemporaryHome();
        String recipientFingerprint = gpg.generateKey("Vendor <vendor@example.org>", "future-default", "default", "never");
        String signerFingerprint = gpg.generateKey("Gateway <gateway@example.org>", "ed25519", "sign", "never");
        recipient = PublicKeyRecipient.fromArmored(gpg.exportPublicKey(recipientFingerprint));
        signer = TestSigners.fromArmoredSecretKey(gpg.exportSecretKey(signerFingerprint));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
        if (pool != null) {
            pool.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    private static long largeObjects() {
        return TestDatabases.one(db.superuser(), "SELECT count(*) FROM pg_largeobject_metadata", Long.class);
    }

    private static long rows() {
        return TestDatabases.one(db.superuser(), "SELECT count(*) FROM export_blobs", Long.class);
    }

    /** CSV-like bytes from a seeded generator, written in 64 KiB pieces. */
    private static void writeCsv(OutputStream out, long bytes) throws IOException {
        Random random = new Random(503);
        byte[] line = new byte[1 << 16];
        for (long done = 0; done < bytes; ) {
            for (int i = 0; i < line.length; i++) {
                int r = random.nextInt(40);
                line[i] = (byte) (r < 26 ? 'a' + r : r < 36 ? '0' + r - 26 : r < 38 ? ',' : '\n');
            }
            int n = (int) Math.min(line.length, bytes - done);
            out.write(line, 0, n);
            done += n;
        }
    }

    private StoredBlob storeExport(Handle handle, long csvBytes, MessageDigest messageDigest) throws IOException {
        BlobWriter writer = store.create(handle);
        try (OutputStream csv = new OpenPgpExportEncryptor().open(new DigestOutputStream(writer, messageDigest),
                recipient, signer)) {
            writeCsv(csv, csvBytes);
        }
        return writer.finish();
    }

    @Test
    void twentyMegabytesGoInAndComeBackAfterCommit() throws Exception {
        MessageDigest written = sha256();
        StoredBlob blob = app.inTransaction(h -> storeExport(h, 20L << 20, written));
        byte[] writtenDigest = written.digest();

        assertThat(blob.sha256()).isEqualTo(writtenDigest);
        assertThat(blob.bytes()).as("compressed, so less than the CSV, but not nothing").isPositive().isLessThan(20L << 20);
        Path message = work.resolve("export.pgp");
        MessageDigest read = sha256();
        long readBytes = app.inTransaction(h -> {
            try (InputStream in = store.open(h, blob.blobId());
                 OutputStream file = new DigestOutputStream(Files.newOutputStream(message), read)) {
                return in.transferTo(file);
            }
        });
        assertThat(readBytes).isEqualTo(blob.bytes());
        assertThat(read.digest()).isEqualTo(writtenDigest);

        // The row says what it holds; the large object is bigger by Tink's header and a 16-byte
        // tag per 4 KiB segment only (0.4%).
        assertThat(TestDatabases.one(db.superuser(), "SELECT ciphertext_bytes FROM export_blobs WHERE id = "
                + blob.blobId(), Long.class)).isEqualTo(blob.bytes());
        long stored = TestDatabases.one(db.superuser(), "SELECT sum(octet_length(data)) FROM pg_largeobject"
                + " WHERE loid = (SELECT lo_oid FROM export_blobs WHERE id = " + blob.blobId() + ")", Long.class);
        assertThat(stored).isBetween(blob.bytes(), blob.bytes() + blob.bytes() / 200 + 4096);

        // And what came back is still a message the recipient opens.
        Path csv = work.resolve("export.csv");
        GnuPg.Result result = gpg.run(null, "--output", csv.toString(), "--decrypt", message.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.statusHas("GOODSIG")).isTrue();
        MessageDigest expected = sha256();
        writeCsv(new DigestOutputStream(OutputStream.nullOutputStream(), expected), 20L << 20);
        MessageDigest actual = sha256();
        try (InputStream in = Files.newInputStream(csv)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), actual));
        }
        assertThat(actual.digest()).isEqualTo(expected.digest());
    }

    @Test
    void aRolledBackExportLeavesNoRowAndNoLargeObject() {
        long objectsBefore = largeObjects();
        long rowsBefore = rows();

        assertThatThrownBy(() -> app.useTransaction(h -> {
            BlobWriter writer = store.create(h);
            try (OutputStream csv = new OpenPgpExportEncryptor().open(writer, recipient, signer)) {
                writeCsv(csv, 3 << 20);
                throw new IllegalStateException("the member query failed half way");
            }
        })).hasMessageContaining("half way");

        assertThat(largeObjects()).isEqualTo(objectsBefore);
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void aWriterClosedUnfinishedIsShreddedEvenIfTheCallerCommits() throws Exception {
        long objectsBefore = largeObjects();
        long blobId = app.inTransaction(h -> {
            try (BlobWriter writer = store.create(h)) {
                writer.write("partial".getBytes(StandardCharsets.US_ASCII));
                return writer.blobId();
            }
        });

        assertThat(largeObjects()).isEqualTo(objectsBefore);
        assertThat(TestDatabases.one(db.superuser(), "SELECT data_key IS NULL AND destroyed_at IS NOT NULL"
                + " FROM export_blobs WHERE id = " + blobId, Boolean.class)).isTrue();
        assertThatThrownBy(() -> app.useTransaction(h -> store.open(h, blobId).close()))
                .isInstanceOf(ExportBlobGoneException.class);
    }

    @Test
    void destroyShredsTheKeyAndTheLargeObjectAndCanBeRepeated() throws Exception {
        StoredBlob blob = app.inTransaction(h -> storeExport(h, 100_000, sha256()));
        long oid = TestDatabases.one(db.superuser(), "SELECT lo_oid FROM export_blobs WHERE id = " + blob.blobId(),
                Long.class);

        app.useTransaction(h -> store.destroy(h, blob.blobId()));

        assertThat(TestDatabases.one(db.superuser(), "SELECT data_key IS NULL FROM export_blobs WHERE id = "
                + blob.blobId(), Boolean.class)).isTrue();
        assertThat(TestDatabases.one(db.superuser(), "SELECT destroyed_at IS NOT NULL FROM export_blobs WHERE id = "
                + blob.blobId(), Boolean.class)).isTrue();
        assertThat(TestDatabases.one(db.superuser(), "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = "
                + oid, Long.class)).isZero();
        assertThatThrownBy(() -> app.useTransaction(h -> store.open(h, blob.blobId()).close()))
                .isInstanceOf(ExportBlobGoneException.class)
                .hasMessageContaining("destroyed");

        app.useTransaction(h -> store.destroy(h, blob.blobId()));
        assertThat(TestDatabases.one(db.superuser(), "SELECT destroyed_at IS NOT NULL FROM export_blobs WHERE id = "
                + blob.blobId(), Boolean.class)).isTrue();
    }

    @Test
    void alteredStoredBytesFailToRead() throws Exception {
        StoredBlob blob = app.inTransaction(h -> storeExport(h, 300_000, sha256()));
        // Someone with write access to the database flips every bit of one byte of the stored ciphertext
        // (inverted, not overwritten: a byte that already held the new value would change nothing).
        app.useTransaction(h -> h.execute("SELECT lo_put(lo_oid, 100000, set_byte(lo_get(lo_oid, 100000, 1), 0,"
                + " get_byte(lo_get(lo_oid, 100000, 1), 0) # 255)) FROM export_blobs WHERE id = ?", blob.blobId()));

        assertThatThrownBy(() -> app.useTransaction(h -> {
            try (InputStream in = store.open(h, blob.blobId())) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        })).isInstanceOf(IOException.class);
    }

    @Test
    void theStoreNeedsATransactionAndAKnownBlob() {
        assertThatThrownBy(() -> app.useHandle(store::create))
                .isInstanceOf(ExportStoreException.class)
                .hasMessageContaining("transaction");
        assertThatThrownBy(() -> app.useTransaction(h -> store.open(h, 999_999)))
                .isInstanceOf(ExportStoreException.class)
                .hasMessageContaining("no export blob 999999");
        assertThatThrownBy(() -> app.useTransaction(h -> store.destroy(h, 999_999)))
                .isInstanceOf(ExportStoreException.class);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
