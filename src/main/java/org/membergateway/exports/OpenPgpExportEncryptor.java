package org.membergateway.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;
import java.util.zip.Deflater;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * Writes an export as one binary OpenPGP message that GnuPG 2.2 opens: a symmetrically encrypted,
 * integrity-protected data packet (SEIPD v1 with MDC, AES-256) whose session key is given to the
 * recipient in a v3 PKESK (public key) or a v4 SKESK (passphrase), holding a one-pass-signed
 * binary literal packet signed with SHA-256 by the gateway key.
 *
 * <p>Not newer formats: GnuPG 2.2 rejects v6 keys, v6 PKESK and AEAD (SEIPD v2) packets.
 *
 * <p>Compressed with zlib at its fastest level inside the encryption: CSV shrinks about fourfold,
 * and writing the ciphertext into PostgreSQL's large objects (about 40 MiB/s here) costs more than
 * deflating it (docs/benchmarks.md, "Export end to end"). The list's contents are not chosen by
 * anyone who sees the ciphertext's size, so compression leaks nothing worth having.
 *
 * <p>Memory is constant: the literal and encrypted packets are written as partial-length packets
 * through 64 KiB buffers, and the signature hashes the bytes as they pass.
 *
 * <p>The bulk work runs through the JCA path ({@code Jce*} builders) on the JDK's providers: AES-CFB,
 * the MDC's SHA-1 and the signature's SHA-256 then use the CPU's AES and SHA instructions through
 * the JVM's intrinsics, ~3x faster than Bouncy Castle's pure-Java provider on these machines
 * (docs/benchmarks.md, "Export encryption"). Keys (RSA, ECDH, EdDSA in OpenPGP form) are handled
 * by Bouncy Castle's provider, which knows every OpenPGP key type; it is passed as an instance,
 * never registered JVM-wide.
 */
public final class OpenPgpExportEncryptor {

    /** The name recipients see for the decrypted file unless the caller gives another. */
    public static final String DEFAULT_FILE_NAME = "export.csv";
    /**
     * The S2K count byte 0xFF: 65,011,712 bytes hashed per passphrase guess, the most OpenPGP can
     * express. Costs ~0.2 s once per export and per decryption; our passphrases are random and
     * strong anyway, so this only slows guessing further.
     */
    static final int MAX_S2K_COUNT = 0xFF;
    private static final int BUFFER_SIZE = 1 << 16;
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final Provider JDK_DIGESTS = Security.getProvider("SUN");

    private final SecureRandom random;
    private final Clock clock;
    private final Provider cipherProvider;

    /** Ciphers from the JDK's providers (AES-NI through the JVM's intrinsics), keys from Bouncy Castle. */
    public OpenPgpExportEncryptor() {
        this(new SecureRandom(), Clock.systemUTC(), null);
    }

    /**
     * @param cipherProvider the JCA provider for AES and the MDC's SHA-1; {@code null} for the
     *                       JDK's default lookup (the benchmark compares the two)
     */
    OpenPgpExportEncryptor(SecureRandom random, Clock clock, Provider cipherProvider) {
        this.random = Objects.requireNonNull(random);
        this.clock = Objects.requireNonNull(clock);
        this.cipherProvider = cipherProvider;
    }

    /** Same as {@link #open(OutputStream, ExportRecipient, ExportSigner, String)} with file name {@value #DEFAULT_FILE_NAME}. */
    public OutputStream open(OutputStream sink, ExportRecipient recipient, ExportSigner signer) throws IOException {
        return open(sink, recipient, signer, DEFAULT_FILE_NAME);
    }

    /**
     * Starts a message into {@code sink} and returns the stream the plaintext (CSV) goes into.
     * Closing the returned stream writes the signature and ends the message; it does not close
     * {@code sink}. If writing to it failed, closing it only releases it and writes no signature,
     * so a partial export is never a well-formed message; the caller still discards what reached
     * the sink (the export store's transaction rolls back).
     *
     * @param fileName the literal packet's file name, what {@code gpg --use-embedded-filename} would use
     * @throws ExportKeyException if the recipient's or the signer's key cannot be used
     */
    public OutputStream open(OutputStream sink, ExportRecipient recipient, ExportSigner signer, String fileName)
            throws IOException {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(fileName, "fileName");
        Date now = Date.from(clock.instant());
        PGPSignatureGenerator signature = signatureGenerator(signer, now);

        JcePGPDataEncryptorBuilder cipher = new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(random);
        if (cipherProvider != null) {
            cipher.setProvider(cipherProvider);
        }
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(cipher);
        PGPCompressedDataGenerator compression = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB,
                Deflater.BEST_SPEED);
        char[] passphrase = recipient instanceof PassphraseRecipient symmetric ? symmetric.passphrase() : null;
        OutputStream encrypted;
        try {
            encryption.addMethod(keyEncryption(recipient, passphrase));
            encrypted = compression.open(encryption.open(sink, new byte[BUFFER_SIZE]), new byte[BUFFER_SIZE]);
            signature.generateOnePassVersion(false).encode(encrypted);
        } catch (PGPException e) {
            throw new IOException("could not start the OpenPGP message: " + e.getMessage(), e);
        } finally {
            // The session key is derived and the SKESK written by now; this copy is not needed.
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        OutputStream plaintext = literal.open(encrypted, PGPLiteralData.BINARY, fileName, now, new byte[BUFFER_SIZE]);
        return new SignedLiteralStream(plaintext, literal, signature, encrypted, compression, encryption);
    }

    private PGPKeyEncryptionMethodGenerator keyEncryption(ExportRecipient recipient, char[] passphrase) {
        if (recipient instanceof PublicKeyRecipient key) {
            return new JcePublicKeyKeyEncryptionMethodGenerator(key.encryptionKey())
                    .setProvider(BOUNCY_CASTLE)
                    .setSecureRandom(random);
        }
        try {
            // The JDK's SHA-256 (CPU instructions): the S2K hashes 64 MiB per export.
            var sha256 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(JDK_DIGESTS).build()
                    .get(HashAlgorithmTags.SHA256);
            // Iterated and salted S2K (type 3); the generator makes a fresh 8-byte salt.
            return new JcePBEKeyEncryptionMethodGenerator(passphrase, sha256, MAX_S2K_COUNT)
                    .setProvider(BOUNCY_CASTLE)
                    .setSecureRandom(random);
        } catch (PGPException e) {
            throw new IllegalStateException("SHA-256 is not available from Bouncy Castle", e);
        }
    }

    private PGPSignatureGenerator signatureGenerator(ExportSigner signer, Date now) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new JcaPGPContentSignerBuilder(signer.publicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                            .setProvider(BOUNCY_CASTLE)
                            // Every plaintext byte is hashed: the JDK's SHA-256 uses the CPU's SHA
                            // instructions (~1,400 MiB/s here), Bouncy Castle's pure Java ~170 MiB/s.
                            .setDigestProvider(JDK_DIGESTS)
                            .setSecureRandom(random),
                    signer.publicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, now);
            hashed.setIssuerFingerprint(false, signer.publicKey());
            generator.setHashedSubpackets(hashed.generate());
            return generator;
        } catch (PGPException | RuntimeException e) {
            throw new ExportKeyException("the gateway signing key cannot sign exports ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The plaintext side: every byte goes into the literal packet and into the signature hash.
     * Closing ends the literal packet, appends the signature and closes the encrypted packet (MDC).
     */
    private static final class SignedLiteralStream extends OutputStream {
        private final OutputStream plaintext;
        private final PGPLiteralDataGenerator literal;
        private final PGPSignatureGenerator signature;
        private final OutputStream encrypted;
        private final PGPCompressedDataGenerator compression;
        private final PGPEncryptedDataGenerator encryption;
        private boolean failed;
        private boolean closed;

        SignedLiteralStream(OutputStream plaintext, PGPLiteralDataGenerator literal, PGPSignatureGenerator signature,
                            OutputStream encrypted, PGPCompressedDataGenerator compression,
                            PGPEncryptedDataGenerator encryption) {
            this.plaintext = plaintext;
            this.literal = literal;
            this.signature = signature;
            this.encrypted = encrypted;
            this.compression = compression;
            this.encryption = encryption;
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            try {
                plaintext.write(b);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
            signature.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            Objects.checkFromIndexSize(off, len, b.length);
            try {
                plaintext.write(b, off, len);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
            signature.update(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            // Flushing the partial-packet buffers would emit short packets; the buffers drain on close.
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (failed) {
                // No signature, no MDC: whatever reached the sink stays an unfinished message.
                return;
            }
            literal.close();
            try {
                signature.generate().encode(encrypted);
            } catch (PGPException e) {
                throw new IOException("could not sign the export: " + e.getMessage(), e);
            }
            compression.close();
            encryption.close();
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("the export stream is closed");
            }
        }
    }
}
