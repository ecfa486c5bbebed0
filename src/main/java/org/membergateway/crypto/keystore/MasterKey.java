package org.membergateway.crypto.keystore;

import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The one secret every gateway instance on a database is given ({@code GATEWAY_MASTER_KEY} or
 * {@code GATEWAY_MASTER_KEY_FILE}: base64 of at least 32 random bytes). It never leaves the
 * process and is never stored; it seals the keys kept in the database.
 *
 * <p>Sealing is Tink's AES-256-GCM (random 12-byte nonce, 16-byte tag) under a key derived from
 * the master key with HKDF-SHA256 for this one purpose, so the master key itself is never used
 * directly as a cipher key and other purposes can derive keys of their own later. The key's name
 * and version are the associated data: a sealed row copied under another name or version does
 * not open.
 */
public final class MasterKey {

    public static final int MIN_BYTES = 32;
    private static final byte[] HKDF_INFO = "member-gateway sealed keys v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HKDF_SALT = "member-gateway".getBytes(StandardCharsets.US_ASCII);

    private final AesGcmJce aead;

    private MasterKey(byte[] masterKey) {
        if (masterKey.length < MIN_BYTES) {
            throw new MasterKeyException("GATEWAY_MASTER_KEY must be base64 of at least " + MIN_BYTES
                    + " random bytes (e.g. openssl rand -base64 32)");
        }
        byte[] sealingKey = null;
        try {
            sealingKey = Hkdf.computeHkdf("HMACSHA256", masterKey, HKDF_SALT, HKDF_INFO, 32);
            this.aead = new AesGcmJce(sealingKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
            if (sealingKey != null) {
                Arrays.fill(sealingKey, (byte) 0);
            }
        }
    }

    /** The master key from base64 text. The message of a refusal never carries the value. */
    public static MasterKey ofBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("GATEWAY_MASTER_KEY is not base64 (e.g. openssl rand -base64 32)");
        }
        return new MasterKey(bytes);
    }

    /** The configured master key, if any: the value itself, else the file's content. Both set is a mistake. */
    public static Optional<MasterKey> configured(KeystoreConfiguration configuration) {
        String value = configuration.getMasterKey().strip();
        String file = configuration.getMasterKeyFile().strip();
        if (!value.isEmpty() && !file.isEmpty()) {
            throw new MasterKeyException("Set GATEWAY_MASTER_KEY or GATEWAY_MASTER_KEY_FILE, not both");
        }
        if (!value.isEmpty()) {
            return Optional.of(ofBase64(value));
        }
        if (!file.isEmpty()) {
            try {
                return Optional.of(ofBase64(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new MasterKeyException("GATEWAY_MASTER_KEY_FILE " + file + " cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Seals {@code plaintext} as key {@code name} version {@code version}. */
    public byte[] seal(String name, int version, byte[] plaintext) {
        try {
            return aead.encrypt(plaintext, associatedData(name, version));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal the key " + name + " v" + version, e);
        }
    }

    /**
     * Opens what {@link #seal} made for the same name and version.
     *
     * @throws WrongMasterKeyException when it does not open: another master key sealed it, or the
     *     bytes, name or version were changed
     */
    public byte[] unseal(String name, int version, byte[] sealed) {
        try {
            return aead.decrypt(sealed, associatedData(name, version));
        } catch (GeneralSecurityException e) {
            throw new WrongMasterKeyException(name, version);
        }
    }

    private static byte[] associatedData(String name, int version) {
        // Length-free but unambiguous: names are [a-z0-9-] (the table's CHECK), so no NUL inside one.
        return ("member-gateway sealed key\0" + name + "\0" + version).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "MasterKey[REDACTED]";
    }
}
