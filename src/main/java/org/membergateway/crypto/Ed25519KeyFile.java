package org.membergateway.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * An Ed25519 private key kept as an encrypted PKCS#8 file (DER {@code EncryptedPrivateKeyInfo},
 * PBES2: PBKDF2-HMAC-SHA256 with {@value #ITERATIONS} iterations and AES-256-CBC, the JDK's own
 * implementation; {@code openssl pkey -inform DER} reads it), readable by its owner only (mode
 * 600, in a 700 directory), created on first use and loaded after. The passphrase is the one that
 * encrypts the gateway's OpenPGP key ({@code GATEWAY_OPENPGP_PASSPHRASE}), so a copy of the data
 * directory alone does not let anyone sign checkpoints. Several instances that sign for the same
 * log are given a copy of the same file and the same passphrase.
 */
public final class Ed25519KeyFile {

    /** A loaded key: the JDK private key that signs and the raw 32-byte public key. */
    public record Ed25519Key(PrivateKey privateKey, byte[] publicKey, boolean created) {
        public Ed25519Key {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public String toString() {
            return "Ed25519Key[REDACTED]";
        }
    }

    /** PBKDF2-HMAC-SHA256 iterations (OWASP's 2023 figure); paid once per start. */
    public static final int ITERATIONS = 600_000;
    private static final String PBES2 = "PBEWithHmacSHA256AndAES_256";

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private Ed25519KeyFile() {
    }

    /** Loads the key at {@code file}, generating it (encrypted with {@code passphrase}) first if there is none. */
    public static Ed25519Key loadOrCreate(Path file, char[] passphrase) {
        try {
            if (!Files.exists(file)) {
                byte[] der = generate();
                try {
                    create(file, encrypt(der, passphrase));
                } finally {
                    Arrays.fill(der, (byte) 0);
                }
                Ed25519Key key = load(file, passphrase);
                return new Ed25519Key(key.privateKey(), key.publicKey(), true);
            }
            return load(file, passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads an existing encrypted key; refuses one that others can read, as ssh does, and a wrong passphrase. */
    public static Ed25519Key load(Path file, char[] passphrase) throws IOException {
        byte[] der = decrypt(file, readOwnerOnly(file), passphrase);
        try {
            return fromPkcs8(file, der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * Encrypts a key kept unencrypted by earlier versions ({@code plain}, PKCS#8 DER) into {@code
     * encrypted}, then deletes the unencrypted file. The same key: checkpoints it signed still verify.
     */
    public static void encryptPlain(Path plain, Path encrypted, char[] passphrase) throws IOException {
        byte[] der = readOwnerOnly(plain);
        try {
            fromPkcs8(plain, der);
            create(encrypted, encrypt(der, passphrase));
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        load(encrypted, passphrase);
        Files.delete(plain);
    }

    /**
     * A key from its PKCS#8 DER (as kept sealed in the database by crypto.keystore); {@code where}
     * names it in a refusal.
     */
    public static Ed25519Key fromPkcs8(String where, byte[] der, boolean created) {
        Ed25519Key key = fromPkcs8(Path.of(where), der);
        return new Ed25519Key(key.privateKey(), key.publicKey(), created);
    }

    /** A new Ed25519 private key as PKCS#8 DER; the caller clears it after use. */
    public static byte[] generatePkcs8() {
        return generate();
    }

    private static byte[] readOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new IllegalStateException("The signing key " + file + " is readable by others (mode "
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
        return Files.readAllBytes(file);
    }

    private static Ed25519Key fromPkcs8(Path file, byte[] der) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new Ed25519Key(privateKey, publicKeyOf(der), false);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("The signing key " + file + " is not a PKCS#8 Ed25519 private key", e);
        }
    }

    private static byte[] generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    private static byte[] encrypt(byte[] pkcs8, char[] passphrase) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        PBEKeySpec password = new PBEKeySpec(passphrase);
        try {
            SecretKey key = SecretKeyFactory.getInstance(PBES2).generateSecret(password);
            Cipher cipher = Cipher.getInstance(PBES2);
            cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, ITERATIONS, new IvParameterSpec(iv)));
            byte[] encrypted = cipher.doFinal(pkcs8);
            // Java 17's EncryptedPrivateKeyInfo cannot be built from PBES2 parameters (JDK-8076999,
            // fixed in later releases), so Bouncy Castle's ASN.1 writes the same DER structure
            // around the JDK's own parameters and ciphertext.
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                    ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded()));
            return new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(algorithm, encrypted).getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not encrypt the signing key", e);
        } finally {
            password.clearPassword();
        }
    }

    private static byte[] decrypt(Path file, byte[] encrypted, char[] passphrase) {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(encrypted);
        } catch (IOException e) {
            throw new IllegalStateException("The signing key " + file + " is not an encrypted PKCS#8 file", e);
        }
        PBEKeySpec password = new PBEKeySpec(passphrase);
        try {
            AlgorithmParameters parameters = info.getAlgParameters();
            // The JDK names PBES2 parameters by their cipher, e.g. PBEWithHmacSHA256AndAES_256.
            Cipher cipher = Cipher.getInstance(parameters.toString());
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(parameters.toString()).generateSecret(password),
                    parameters);
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key " + file + " does not unlock with the configured passphrase"
                    + " (openpgp.keyPassphrase / GATEWAY_OPENPGP_PASSPHRASE, or keys/openpgp/passphrase when none is"
                    + " configured)", e);
        } finally {
            password.clearPassword();
        }
    }

    /**
     * PKCS#8 v1, which the JDK writes, holds only the private seed; the JDK has no call that
     * derives the public key from it, Bouncy Castle's lightweight API does.
     */
    private static byte[] publicKeyOf(byte[] pkcs8) throws IOException {
        AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(pkcs8);
        if (!(parameters instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IllegalArgumentException("not an Ed25519 key");
        }
        return ed25519.generatePublicKey().getEncoded();
    }

    /**
     * Written to a private temporary file, flushed to disk, then linked into place: a crash never
     * leaves a half-written key under the real name, and two processes racing cannot both win.
     */
    private static void create(Path file, byte[] contents) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(Files.createDirectories(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, ".key-", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(contents));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
