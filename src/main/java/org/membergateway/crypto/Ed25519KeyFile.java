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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * An Ed25519 private key kept as a PKCS#8 (DER) file readable by its owner only (mode 600, in a
 * 700 directory), created on first use and loaded after. The key stays on this instance's disk;
 * several instances that sign for the same log are given a copy of the same file.
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

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private Ed25519KeyFile() {
    }

    /** Loads the key at {@code file}, generating it first if there is none. */
    public static Ed25519Key loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
                Ed25519Key key = load(file);
                return new Ed25519Key(key.privateKey(), key.publicKey(), true);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads an existing key; refuses one that others can read, as ssh does. */
    public static Ed25519Key load(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!OWNER_ONLY_FILE.containsAll(permissions)) {
                throw new IllegalStateException("The signing key " + file + " is readable by others (mode "
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
        byte[] der = Files.readAllBytes(file);
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new Ed25519Key(privateKey, publicKeyOf(der), false);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("The signing key " + file + " is not a PKCS#8 Ed25519 private key", e);
        } finally {
            Arrays.fill(der, (byte) 0);
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
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(Files.createDirectories(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        }
        byte[] der;
        try {
            der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, ".key-", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(der));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: use theirs.
            }
        } finally {
            Arrays.fill(der, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }
}
