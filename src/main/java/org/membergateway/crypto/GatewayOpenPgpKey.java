package org.membergateway.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own OpenPGP key: it signs acknowledgement receipts and exports, and anyone can
 * check those signatures with GnuPG and {@code GET /api/v1/keys/openpgp}.
 *
 * <p>A v4 Ed25519 key (legacy EdDSA, algorithm 22: what GnuPG 2.2 verifies) that certifies and
 * signs, made with Bouncy Castle through the JCE provider. It lives in
 * {@code GATEWAY_DATA_DIR/keys/openpgp/} (directory 700):
 * <ul>
 * <li>{@code secret-key.asc} (600): the armored secret key ring, the private key encrypted with
 *     the passphrase (AES-256, iterated and salted S2K);</li>
 * <li>{@code passphrase} (600): only when no passphrase is configured and the database is embedded;</li>
 * <li>{@code retired/<FINGERPRINT>.asc}: public keys of keys replaced by {@link #rotate}, still
 *     served so that what they signed stays verifiable.</li>
 * </ul>
 * Instances that share a database are given a copy of the same directory, as with the audit
 * checkpoint key. docs/acknowledgements.md describes rotation.
 */
public final class GatewayOpenPgpKey {

    /** Relative to the data directory. */
    public static final String DIRECTORY = "keys/openpgp";
    public static final String SECRET_FILE = "secret-key.asc";
    public static final String PASSPHRASE_FILE = "passphrase";
    public static final String RETIRED_DIRECTORY = "retired";
    /** A configured passphrase shorter than this is refused: it is all that protects a stolen key file. */
    public static final int MIN_PASSPHRASE_LENGTH = 12;
    /** Receipts and exports are hashed with SHA-512 (Ed25519's own hash; GnuPG 2.2 verifies it). */
    public static final int HASH_ALGORITHM = HashAlgorithmTags.SHA512;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayOpenPgpKey.class);
    private static final Provider BC = new BouncyCastleProvider();
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final byte[] SELF_TEST = "member-gateway OpenPGP key self-test".getBytes(StandardCharsets.US_ASCII);

    /**
     * What another signer (the export encryptor) needs: the unlocked private key and its public key.
     * Use {@link GatewayOpenPgpKey#contentSignerBuilder} with them, or {@link GatewayOpenPgpKey#newSignatureGenerator}.
     */
    public record SigningMaterial(PGPPrivateKey privateKey, PGPPublicKey publicKey) {
        @Override
        public String toString() {
            return "SigningMaterial[" + fingerprintOf(publicKey) + ", private key REDACTED]";
        }
    }

    private final PGPPublicKeyRing current;
    private final List<PGPPublicKeyRing> retired;
    private final PGPPrivateKey privateKey;
    private final boolean created;

    private GatewayOpenPgpKey(PGPPublicKeyRing current, List<PGPPublicKeyRing> retired, PGPPrivateKey privateKey,
                              boolean created) {
        this.current = current;
        this.retired = List.copyOf(retired);
        this.privateKey = privateKey;
        this.created = created;
    }

    // ---- opening -------------------------------------------------------------------------

    /**
     * The key the gateway signs with, from {@code dataDir/keys/openpgp/}, generated on first start.
     *
     * @param embeddedDatabase true when the gateway runs its own database (demo): only then may the
     *     passphrase be generated and kept beside the key
     * @throws IllegalStateException with a message for the operator: no passphrase for an external
     *     database, a wrong passphrase, a key file readable by others, a damaged key
     */
    public static GatewayOpenPgpKey open(OpenPgpConfiguration configuration, Path dataDir, boolean embeddedDatabase) {
        Path keyDir = dataDir.resolve(DIRECTORY);
        char[] passphrase = passphrase(configuration, keyDir, embeddedDatabase);
        return loadOrCreate(keyDir, passphrase, configuration.getUserId());
    }

    /**
     * The configured passphrase; or, when none is configured, the one kept in
     * {@code keyDir/passphrase} (created now if missing) as long as the database is embedded.
     */
    public static char[] passphrase(OpenPgpConfiguration configuration, Path keyDir, boolean embeddedDatabase) {
        String configured = configuration.getKeyPassphrase();
        if (!configured.isEmpty()) {
            if (configured.length() < MIN_PASSPHRASE_LENGTH) {
                throw new IllegalStateException("openpgp.keyPassphrase (GATEWAY_OPENPGP_PASSPHRASE) is shorter than "
                        + MIN_PASSPHRASE_LENGTH + " characters; use a long random one");
            }
            return configured.toCharArray();
        }
        if (!embeddedDatabase) {
            throw new IllegalStateException("Set GATEWAY_OPENPGP_PASSPHRASE (openpgp.keyPassphrase): with an external "
                    + "database the gateway's OpenPGP signing key in " + keyDir + " must be encrypted with a passphrase "
                    + "you keep outside the data directory (all instances use the same one). Only the embedded demo "
                    + "database may keep a generated passphrase beside the key.");
        }
        Path file = keyDir.resolve(PASSPHRASE_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                writeOwnerOnly(file, (Base64.getEncoder().withoutPadding().encodeToString(random) + "\n")
                        .getBytes(StandardCharsets.US_ASCII), false);
                LOG.warn("GATEWAY_OPENPGP_PASSPHRASE is not set: generated a passphrase for the gateway's OpenPGP key "
                        + "and kept it beside the key in {} (mode 600). Good enough for the embedded demo database; "
                        + "set GATEWAY_OPENPGP_PASSPHRASE for anything else.", file);
            } else {
                LOG.info("GATEWAY_OPENPGP_PASSPHRASE is not set: the OpenPGP key is unlocked with {}", file);
            }
            requireOwnerOnly(file, "passphrase file");
            return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the OpenPGP key passphrase " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Loads the key in {@code keyDir}, generating it first if there is none. */
    public static GatewayOpenPgpKey loadOrCreate(Path keyDir, char[] passphrase, String userId) {
        Path secretFile = keyDir.resolve(SECRET_FILE);
        try {
            boolean created = false;
            if (!Files.exists(secretFile)) {
                byte[] armored = generate(userId, passphrase, Instant.now());
                created = writeOwnerOnly(secretFile, armored, false);
            }
            GatewayOpenPgpKey key = load(keyDir, passphrase, created);
            if (created) {
                LOG.info("Generated the gateway's OpenPGP signing key {} in {}", key.fingerprint(), secretFile);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the OpenPGP key " + secretFile + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Replaces the current key with a new one (encrypted with {@code passphrase}, which may differ
     * from the old key's): the old public key moves to {@code retired/} and is served on. Run it
     * with every gateway stopped, then copy the directory to every instance and start them.
     *
     * @return the new key
     */
    public static GatewayOpenPgpKey rotate(Path keyDir, char[] passphrase, String userId) {
        Path secretFile = keyDir.resolve(SECRET_FILE);
        try {
            if (!Files.exists(secretFile)) {
                return loadOrCreate(keyDir, passphrase, userId);
            }
            PGPPublicKeyRing old = publicRingOf(readSecretRing(secretFile));
            Path retiredFile = keyDir.resolve(RETIRED_DIRECTORY).resolve(fingerprintOf(old.getPublicKey()) + ".asc");
            Files.createDirectories(retiredFile.getParent());
            // The old public key is safely on disk before the secret key it belongs to is replaced.
            writeOwnerOnly(retiredFile, armor(old::encode), true);
            byte[] armored = generate(userId, passphrase, Instant.now());
            Path temporary = keyDir.resolve(SECRET_FILE + ".new");
            Files.deleteIfExists(temporary);
            writeOwnerOnly(temporary, armored, false);
            Files.move(temporary, secretFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            GatewayOpenPgpKey key = load(keyDir, passphrase, true);
            LOG.info("Rotated the gateway's OpenPGP signing key: {} retired, {} current", fingerprintOf(old.getPublicKey()),
                    key.fingerprint());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rotate the OpenPGP key in " + keyDir + ": " + e.getMessage(), e);
        }
    }

    private static GatewayOpenPgpKey load(Path keyDir, char[] passphrase, boolean created) throws IOException {
        Path secretFile = keyDir.resolve(SECRET_FILE);
        requireOwnerOnly(secretFile, "OpenPGP secret key");
        PGPSecretKeyRing ring = readSecretRing(secretFile);
        PGPSecretKey secret = ring.getSecretKey();
        PGPPrivateKey privateKey;
        try {
            privateKey = secret.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(
                    new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build()).setProvider(BC).build(passphrase));
        } catch (PGPException e) {
            Path generated = keyDir.resolve(PASSPHRASE_FILE);
            throw new IllegalStateException("The gateway's OpenPGP key " + secretFile + " could not be unlocked: wrong "
                    + "passphrase (openpgp.keyPassphrase / GATEWAY_OPENPGP_PASSPHRASE)"
                    + (Files.exists(generated) ? "; a key made without a configured passphrase is unlocked with "
                    + generated : ""), e);
        }
        if (privateKey == null) {
            throw new IllegalStateException("The OpenPGP key " + secretFile + " has no private key material");
        }
        PGPPublicKeyRing publicRing = publicRingOf(ring);
        GatewayOpenPgpKey key = new GatewayOpenPgpKey(publicRing, retiredRings(keyDir, fingerprintOf(secret.getPublicKey())),
                privateKey, created);
        // Fail at start, not at the first receipt, if the key cannot sign what it verifies.
        if (!key.verify(SELF_TEST, key.detachedSignature(SELF_TEST))) {
            throw new IllegalStateException("The OpenPGP key " + secretFile + " failed its signing self-test");
        }
        return key;
    }

    private static PGPSecretKeyRing readSecretRing(Path file) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPSecretKeyRing ring = new PGPSecretKeyRing(in, new JcaKeyFingerprintCalculator());
            PGPPublicKey primary = ring.getPublicKey();
            if (primary.getVersion() != PublicKeyPacket.VERSION_4 || !primary.isMasterKey()) {
                throw new IllegalStateException("The OpenPGP key " + file + " is not a v4 primary key");
            }
            return ring;
        } catch (PGPException | IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("The OpenPGP key " + file + " is not a readable armored secret key: "
                    + e.getMessage(), e);
        }
    }

    private static PGPPublicKeyRing publicRingOf(PGPSecretKeyRing ring) {
        List<PGPPublicKey> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(keys::add);
        return new PGPPublicKeyRing(keys);
    }

    private static List<PGPPublicKeyRing> retiredRings(Path keyDir, String currentFingerprint) throws IOException {
        Path dir = keyDir.resolve(RETIRED_DIRECTORY);
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rings;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.asc")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
                PGPPublicKeyRing ring = new PGPPublicKeyRing(in, new JcaKeyFingerprintCalculator());
                if (!fingerprintOf(ring.getPublicKey()).equals(currentFingerprint)) {
                    rings.add(ring);
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("The retired OpenPGP public key " + file + " is not readable: "
                        + e.getMessage(), e);
            }
        }
        return rings;
    }

    /** A new v4 Ed25519 key that certifies and signs, armored, its private half encrypted with the passphrase. */
    private static byte[] generate(String userId, char[] passphrase, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", BC);
            JcaPGPKeyPair pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                    generator.generateKeyPair(), Date.from(now));
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            hashed.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA256});
            hashed.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256,
                SymmetricKeyAlgorithmTags.AES_128});
            hashed.setIssuerFingerprint(false, pair.getPublicKey());
            // OpenPGP's S2K checksum is SHA-1 by definition of the format (usage 254), not a hash we choose.
            PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build()
                    .get(HashAlgorithmTags.SHA1);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId, sha1,
                    hashed.generate(), null, contentSignerBuilder(pair.getPublicKey()),
                    new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).setProvider(BC)
                            .build(passphrase));
            return armor(rings.generateSecretKeyRing()::encode);
        } catch (GeneralSecurityException | PGPException e) {
            throw new IllegalStateException("Could not generate an OpenPGP key: " + e.getMessage(), e);
        }
    }

    // ---- using -----------------------------------------------------------------------------

    /** The current key's fingerprint as {@code gpg --with-colons} shows it: 40 upper-case hex digits. */
    public String fingerprint() {
        return fingerprintOf(current.getPublicKey());
    }

    /** Fingerprints of retired keys whose public keys are still served. */
    public List<String> retiredFingerprints() {
        return retired.stream().map(r -> fingerprintOf(r.getPublicKey())).toList();
    }

    /** True if this start generated the key (first start or rotation). */
    public boolean created() {
        return created;
    }

    /** The current public key, ASCII-armored. */
    public String armoredPublicKey() {
        return new String(armor(current::encode), StandardCharsets.US_ASCII);
    }

    /**
     * The current public key followed by every retired one, in one armored block: what
     * {@code GET /api/v1/keys/openpgp} serves and {@code gpg --import} reads whole.
     */
    public String armoredPublicKeys() {
        return new String(armor(out -> {
            current.encode(out);
            for (PGPPublicKeyRing ring : retired) {
                ring.encode(out);
            }
        }), StandardCharsets.US_ASCII);
    }

    /** The unlocked private key and its public key, for code that signs as the gateway (exports). */
    public SigningMaterial signingMaterial() {
        return new SigningMaterial(privateKey, current.getPublicKey());
    }

    /** A JCE content signer builder for this key's algorithm with {@link #HASH_ALGORITHM}. */
    public static PGPContentSignerBuilder contentSignerBuilder(PGPPublicKey publicKey) {
        return new JcaPGPContentSignerBuilder(publicKey.getAlgorithm(), HASH_ALGORITHM).setProvider(BC);
    }

    /**
     * A signature generator ready for data ({@link PGPSignature#BINARY_DOCUMENT} or
     * {@link PGPSignature#CANONICAL_TEXT_DOCUMENT}), its creation time and issuer fingerprint set;
     * for one-pass signing call {@code generateOnePassVersion(false)} before writing data.
     */
    public PGPSignatureGenerator newSignatureGenerator(int signatureType) {
        PGPPublicKey publicKey = current.getPublicKey();
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(contentSignerBuilder(publicKey), publicKey);
            generator.init(signatureType, privateKey);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, publicKey);
            generator.setHashedSubpackets(hashed.generate());
            return generator;
        } catch (PGPException e) {
            throw new IllegalStateException("Could not start an OpenPGP signature: " + e.getMessage(), e);
        }
    }

    /** An ASCII-armored detached signature of {@code data} (binary document), as {@code gpg --detach-sign --armor} makes. */
    public String detachedSignature(byte[] data) {
        PGPSignatureGenerator generator = newSignatureGenerator(PGPSignature.BINARY_DOCUMENT);
        generator.update(data);
        try {
            PGPSignature signature = generator.generate();
            return new String(armor(signature::encode), StandardCharsets.US_ASCII);
        } catch (PGPException e) {
            throw new IllegalStateException("Could not sign: " + e.getMessage(), e);
        }
    }

    /** Whether {@code armoredSignature} is a good signature of {@code data} by the current or a retired key. */
    public boolean verify(byte[] data, String armoredSignature) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(
                armoredSignature.getBytes(StandardCharsets.US_ASCII)))) {
            Object object = new PGPObjectFactory(in, new JcaKeyFingerprintCalculator()).nextObject();
            if (!(object instanceof PGPSignatureList list) || list.isEmpty()) {
                return false;
            }
            PGPSignature signature = list.get(0);
            List<PGPPublicKeyRing> rings = new ArrayList<>(retired);
            rings.add(0, current);
            for (PGPPublicKeyRing ring : rings) {
                PGPPublicKey key = ring.getPublicKey(signature.getKeyID());
                if (key != null) {
                    signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BC), key);
                    signature.update(data);
                    return signature.verify();
                }
            }
            return false;
        } catch (IOException | PGPException | RuntimeException e) {
            return false;
        }
    }

    public static String fingerprintOf(PGPPublicKey key) {
        return HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "GatewayOpenPgpKey[" + fingerprint() + "]";
    }

    // ---- files -----------------------------------------------------------------------------

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    /** Armored without a "Version" header: the bytes do not change with the library's version. */
    private static byte[] armor(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
                encoder.encode(armored);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Refuses a key file others can read, as ssh does. */
    private static void requireOwnerOnly(Path file, String what) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new IllegalStateException("The " + what + " " + file + " is readable by others (mode "
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
    }

    /**
     * Written to a private temporary file, flushed to disk, then linked into place: a crash never
     * leaves a half-written file under the real name, and of two processes racing the first wins.
     *
     * @return true if this call created the file
     */
    private static boolean writeOwnerOnly(Path file, byte[] content, boolean replace) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            for (Path d = dir; d != null && isKeyDirectory(d); d = d.getParent()) {
                Files.setPosixFilePermissions(d, OWNER_ONLY_DIR);
            }
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, ".openpgp-", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            if (replace) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            try {
                Files.createLink(file, temporary);
                return true;
            } catch (FileAlreadyExistsException raced) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** keys/, keys/openpgp/ and keys/openpgp/retired/ are the owner's alone; the data directory above is not ours to change. */
    private static boolean isKeyDirectory(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.equals("keys") || name.equals("openpgp") || name.equals(RETIRED_DIRECTORY);
    }
}
