package org.membergateway.exports;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.membergateway.crypto.SecretFiles;

/**
 * The key encryption key (KEK) that wraps every export blob's data key (docs/operations-retention.md,
 * "Crypto-shredding and backups"). It is kept outside the database, in {@code GATEWAY_EXPORT_WRAPPING_KEY}
 * or in {@code GATEWAY_DATA_DIR/keys/export-wrapping.keyset} (mode 600, made at first start), so a
 * copy of the database, a backup included, holds data keys nobody can use without it.
 *
 * <p>A Tink AEAD keyset (AES256-GCM, Tink output prefix): several keys may be in it; new wraps use
 * the primary, and a wrapped key names (by its prefix) the key that opens it, so keys rotated out of
 * primary still unwrap until they are removed from the keyset. Removing a key makes every copy of a
 * data key wrapped under it, in any backup, useless.
 */
public final class ExportKeyWrapping {

    public static final String FILE_NAME = "export-wrapping.keyset";
    /** Binds a wrapped data key to its purpose: a keyset wrapped for something else does not unwrap here. */
    private static final byte[] ASSOCIATED_DATA = "member-gateway export blob data key".getBytes(StandardCharsets.US_ASCII);

    private final KeysetHandle keyset;
    private final Aead aead;

    private ExportKeyWrapping(KeysetHandle keyset) {
        try {
            this.keyset = keyset;
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the export wrapping keyset is not an AEAD keyset", e);
        }
    }

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD is not available in this JVM", e);
        }
    }

    /** A fresh keyset of one key: first start, and tests. */
    public static ExportKeyWrapping generate() {
        try {
            return new ExportKeyWrapping(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate an export wrapping key", e);
        }
    }

    /** The keyset in its stored form: base64 of the Tink binary keyset (as in the file and the environment). */
    public static ExportKeyWrapping parse(String base64) {
        try {
            return new ExportKeyWrapping(TinkProtoKeysetFormat.parseKeyset(Base64.getDecoder().decode(base64.strip()),
                    InsecureSecretKeyAccess.get()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // The message never carries the value: it is a secret.
            throw new IllegalStateException("the export wrapping key is not base64 of a Tink AEAD keyset", e);
        }
    }

    /**
     * The configured keyset ({@code exports.wrappingKey}, from {@code GATEWAY_EXPORT_WRAPPING_KEY})
     * if there is one, else the one kept in {@code keysDir} (made when missing).
     */
    public static ExportKeyWrapping configuredOrKept(String configured, Path keysDir) {
        if (configured != null && !configured.isBlank()) {
            return parse(configured);
        }
        Path file = keysDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                SecretFiles.createOwnerOnly(keysDir, file, generate().stored().getBytes(StandardCharsets.US_ASCII));
            }
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read or create the export wrapping key in " + keysDir + ": "
                    + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The export wrapping key in " + file + " is not base64 of a Tink AEAD keyset", e);
        }
    }

    /** The stored form of the keyset an earlier start kept in {@code keysDir}, if it kept one (for moving it). */
    public static java.util.Optional<String> readKept(Path keysDir) {
        Path file = keysDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try {
            String stored = Files.readString(file, StandardCharsets.US_ASCII);
            parse(stored);
            return java.util.Optional.of(stored);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the export wrapping key " + file + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The export wrapping key in " + file + " is not base64 of a Tink AEAD keyset", e);
        }
    }

    /** Replaces the keyset file atomically, owner-only from the start (the rotation command). */
    public void writeTo(Path keysDir) throws IOException {
        Path file = keysDir.resolve(FILE_NAME);
        Path next = keysDir.resolve(FILE_NAME + ".next");
        Files.deleteIfExists(next);
        SecretFiles.createOwnerOnly(keysDir, next, stored().getBytes(StandardCharsets.US_ASCII));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The stored form (a secret: only for the key file or the operator's secret store). */
    public String stored() {
        try {
            return Base64.getEncoder().encodeToString(TinkProtoKeysetFormat.serializeKeyset(keyset,
                    InsecureSecretKeyAccess.get())) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serialize the export wrapping keyset", e);
        }
    }

    /** This keyset with a new key added as primary; the old keys still unwrap. */
    public ExportKeyWrapping rotated() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().makePrimary());
            return new ExportKeyWrapping(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not add a key to the export wrapping keyset", e);
        }
    }

    /** This keyset with only its primary key: what was wrapped under the others can no longer be unwrapped. */
    public ExportKeyWrapping withoutOldKeys() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            return new ExportKeyWrapping(builder.build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not remove old keys from the export wrapping keyset", e);
        }
    }

    /** How many keys the keyset holds (the primary and those that still unwrap). */
    public int keys() {
        return keyset.size();
    }

    /** Key id of the primary: shown by the rotation command, never the key. */
    public int primaryKeyId() {
        return keyset.getPrimary().getId();
    }

    /**
     * Ids of every key in the keyset as unsigned numbers (as the rotation command prints them and
     * the audit trail records them): they name keys, they disclose nothing of them.
     */
    public java.util.List<Long> keyIds() {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
        return java.util.List.copyOf(ids);
    }

    /** The data key, encrypted under the primary key. */
    byte[] wrap(KeysetHandle dataKey) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKey, aead, ASSOCIATED_DATA);
    }

    /** @throws GeneralSecurityException if no key of this keyset wrapped it (or it was altered) */
    KeysetHandle unwrap(byte[] wrapped) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, aead, ASSOCIATED_DATA);
    }

    @Override
    public String toString() {
        return "ExportKeyWrapping[REDACTED, " + keyset.size() + " keys]";
    }
}
