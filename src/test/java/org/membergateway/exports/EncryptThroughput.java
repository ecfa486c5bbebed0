package org.membergateway.exports;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.testing.GnuPg;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;

/**
 * Export encryption benchmark (bench/exports/run.sh; results in docs/benchmarks.md, "Export
 * encryption"). Not a test: run it by hand, with the heap the gateway would have ({@code -Xmx256m}).
 *
 * <ol>
 *   <li>the encryptor alone: N MiB of CSV-like bytes to a discarding sink, with the JDK's
 *       providers for AES and SHA-1 and with Bouncy Castle's, three runs each after a warm-up;</li>
 *   <li>the whole write path: encryptor into the export store (Tink at-rest layer, large object) on
 *       a fresh embedded PostgreSQL configured as the gateway configures it, committed; then the
 *       read path (large object, Tink) back out.</li>
 * </ol>
 *
 * <p>Arguments (optional): MiB per run (100).
 */
public final class EncryptThroughput {

    private EncryptThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long bytes = (long) mib << 20;
        byte[] block = csvBlock(4 << 20);
        System.out.printf(Locale.ROOT, "machine: %d cores, java %s, max heap %d MiB; %d MiB of CSV-like bytes per run%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, mib);

        try (GnuPg gpg = GnuPg.inTemporaryHome()) {
            String recipientFingerprint = gpg.generateKey("Bench <bench@example.org>", "default", "default", "never");
            String signerFingerprint = gpg.generateKey("Gateway <gateway@example.org>", "ed25519", "sign", "never");
            PublicKeyRecipient recipient = PublicKeyRecipient.fromArmored(gpg.exportPublicKey(recipientFingerprint));
            ExportSigner signer = TestSigners.fromArmoredSecretKey(gpg.exportSecretKey(signerFingerprint));

            OpenPgpExportEncryptor jdk = new OpenPgpExportEncryptor();
            OpenPgpExportEncryptor bc = new OpenPgpExportEncryptor(new SecureRandom(), Clock.systemUTC(),
                    new BouncyCastleProvider());
            encrypt(jdk, recipient, signer, block, 64L << 20); // warm-up
            encrypt(bc, recipient, signer, block, 64L << 20);
            for (int run = 1; run <= 3; run++) {
                report("encryptor only, JDK providers, run " + run, bytes, encrypt(jdk, recipient, signer, block, bytes));
                report("encryptor only, Bouncy Castle provider, run " + run, bytes,
                        encrypt(bc, recipient, signer, block, bytes));
            }
            char[] passphrase = new OneTimePassphrases().next();
            report("encryptor only, JDK providers, passphrase recipient (S2K count 65011712)", bytes,
                    encrypt(jdk, new PassphraseRecipient(passphrase), signer, block, bytes));

            Path dataDir = Files.createTempDirectory("export-bench");
            GatewayConfiguration configuration = new GatewayConfiguration();
            configuration.setDataDir(dataDir.toString());
            try (GatewayDatabase database = configuration.openDatabase()) {
                Jdbi jdbi = database.jdbi();
                ExportBlobStore store = new ExportBlobStore(ExportKeyWrapping.generate());
                // Baseline: the same bytes straight into a large object, no OpenPGP, no Tink.
                long baseline = System.nanoTime();
                jdbi.useTransaction(h -> {
                    var largeObjects = h.getConnection().unwrap(org.postgresql.PGConnection.class).getLargeObjectAPI();
                    long oid = largeObjects.createLO();
                    var lo = largeObjects.open(oid, org.postgresql.largeobject.LargeObjectManager.WRITE);
                    for (long done = 0; done < bytes; done += block.length) {
                        for (int off = 0; off < block.length; off += ExportBlobStore.CHUNK_BYTES) {
                            lo.write(block, off, ExportBlobStore.CHUNK_BYTES);
                        }
                    }
                    lo.close();
                    largeObjects.delete(oid);
                });
                report("baseline: plaintext straight into a large object, committed", bytes, System.nanoTime() - baseline);
                for (int run = 1; run <= 2; run++) {
                    long start = System.nanoTime();
                    StoredBlob blob = jdbi.inTransaction(h -> {
                        BlobWriter writer = store.create(h);
                        try (OutputStream out = jdk.open(writer, recipient, signer)) {
                            writeRepeated(out, block, bytes);
                        }
                        return writer.finish();
                    });
                    report("encryptor -> export store (Tink + large object), committed, run " + run, bytes,
                            System.nanoTime() - start);
                    start = System.nanoTime();
                    long read = jdbi.inTransaction(h -> {
                        try (InputStream in = store.open(h, blob.blobId())) {
                            return in.transferTo(OutputStream.nullOutputStream());
                        }
                    });
                    report("export store -> reader (large object, Tink), run " + run, read, System.nanoTime() - start);
                    jdbi.useTransaction(h -> store.destroy(h, blob.blobId()));
                }
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "peak heap used (sum of pool peaks): %d MiB%n", peak >> 20);
    }

    private static long encrypt(OpenPgpExportEncryptor encryptor, ExportRecipient recipient, ExportSigner signer,
                                byte[] block, long bytes) throws Exception {
        long start = System.nanoTime();
        try (OutputStream out = encryptor.open(OutputStream.nullOutputStream(), recipient, signer)) {
            writeRepeated(out, block, bytes);
        }
        return System.nanoTime() - start;
    }

    /** Writes in 64 KiB pieces, as a CSV writer over a buffered stream would. */
    private static void writeRepeated(OutputStream out, byte[] block, long bytes) throws java.io.IOException {
        int piece = 1 << 16;
        for (long done = 0; done < bytes; ) {
            int at = (int) (done % block.length);
            int n = (int) Math.min(Math.min(piece, block.length - at), bytes - done);
            out.write(block, at, n);
            done += n;
        }
    }

    private static void report(String what, long bytes, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-80s %6.2f s  %7.1f MiB/s%n", what, seconds, (bytes / 1048576.0) / seconds);
    }

    /** Member-like CSV lines: ids, names, emails, phones. */
    private static byte[] csvBlock(int size) {
        StringBuilder csv = new StringBuilder(size + 200);
        java.util.Random random = new java.util.Random(503);
        String[] first = {"Ngoc Anh", "Maria", "James", "Thanh", "Aisha", "Jose", "Linh", "Robert"};
        String[] last = {"Nguyen", "Garcia", "Smith", "Tran", "Johnson", "Le", "Martinez", "Pham"};
        for (int i = 0; csv.length() < size; i++) {
            csv.append('M').append(1_000_000 + i).append(',')
                    .append(first[random.nextInt(first.length)]).append(',')
                    .append(last[random.nextInt(last.length)]).append(",member").append(i).append("@example.org,")
                    .append("(916) 555-").append(1000 + random.nextInt(9000)).append("\r\n");
        }
        byte[] out = new byte[size];
        System.arraycopy(csv.toString().getBytes(StandardCharsets.US_ASCII), 0, out, 0, size);
        return out;
    }
}
