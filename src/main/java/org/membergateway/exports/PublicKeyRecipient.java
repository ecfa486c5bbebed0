package org.membergateway.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.membergateway.crypto.OpenPgpKeyStrength;

/**
 * An OpenPGP recipient: the (sub)key of someone's certificate that may encrypt right now.
 *
 * <p>Choosing it goes through Bouncy Castle's {@link OpenPGPCertificate}, which checks the self-
 * and binding signatures before it believes a key's flags, expiry or revocation: a subkey someone
 * appended to the certificate without the owner's signature is never chosen. Among the valid
 * encryption keys the newest wins, as GnuPG does.
 *
 * @param encryptionKey the key the session key is encrypted to (usually a subkey)
 * @param fingerprint the certificate's (primary key's) fingerprint, upper-case hex as gpg shows it
 */
public record PublicKeyRecipient(PGPPublicKey encryptionKey, String fingerprint) implements ExportRecipient {

    private static final int MAX_ARMORED_LENGTH = 64 * 1024;

    public PublicKeyRecipient {
        if (encryptionKey == null || fingerprint == null) {
            throw new ExportKeyException("a recipient needs an encryption key and a fingerprint");
        }
    }

    /** The recipient for an ASCII-armored public key ({@code gpg --armor --export}), valid now. */
    public static PublicKeyRecipient fromArmored(String armored) {
        return fromArmored(armored, Instant.now());
    }

    /**
     * The recipient for an ASCII-armored public key as of {@code at}.
     *
     * @throws ExportKeyException naming why the key cannot receive an export
     */
    public static PublicKeyRecipient fromArmored(String armored, Instant at) {
        PGPPublicKeyRing ring = readRing(armored);
        PGPPublicKey primary = ring.getPublicKey();
        String fingerprint = HexFormat.of().formatHex(primary.getFingerprint()).toUpperCase(Locale.ROOT);
        if (primary.getVersion() != 4) {
            // A v6 key means a v6 PKESK, which GnuPG 2.2 cannot read.
            throw new ExportKeyException("key " + fingerprint + " is a version " + primary.getVersion()
                    + " key; exports need a v4 key (GnuPG's default)");
        }
        OpenPgpKeyStrength.problem(ring).ifPresent(problem -> {
            throw new ExportKeyException("key " + fingerprint + " is too weak: " + problem);
        });
        Date when = Date.from(at);
        OpenPGPCertificate certificate;
        try {
            certificate = new OpenPGPCertificate(ring);
        } catch (RuntimeException e) {
            throw new ExportKeyException("key " + fingerprint + " could not be read as an OpenPGP certificate", e);
        }
        OpenPGPCertificate.OpenPGPPrimaryKey primaryKey = certificate.getPrimaryKey();
        if (primaryKey.getRevocation(when) != null) {
            throw new ExportKeyException("key " + fingerprint + " has been revoked by its owner");
        }
        Date expiry = primaryKey.getKeyExpirationDateAt(when);
        if (expiry != null && !expiry.after(when)) {
            throw new ExportKeyException("key " + fingerprint + " expired on " + expiry.toInstant()
                    + "; ask its owner for a renewed key");
        }
        if (!primaryKey.isBoundAt(when)) {
            throw new ExportKeyException("key " + fingerprint + " has no valid self-signature (damaged or not yet valid)");
        }
        List<OpenPGPComponentKey> usable = certificate.getEncryptionKeys(when);
        if (usable.isEmpty()) {
            throw new ExportKeyException(hasAnyEncryptionKey(ring)
                    ? "key " + fingerprint + " has an encryption subkey, but it is expired or revoked; ask its owner"
                            + " for a new encryption subkey"
                    : "key " + fingerprint + " has no encryption-capable key or subkey (a signing-only key?)");
        }
        OpenPGPComponentKey newest = usable.stream()
                .max(Comparator.comparing(OpenPGPComponentKey::getCreationTime))
                .orElseThrow();
        return new PublicKeyRecipient(newest.getPGPPublicKey(), fingerprint);
    }

    /**
     * Whether any key claims encryption flags in any of its signatures, valid or not: only to tell
     * "expired or revoked" from "never could encrypt" in the message.
     */
    private static boolean hasAnyEncryptionKey(PGPPublicKeyRing ring) {
        int encrypt = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            for (Iterator<PGPSignature> signatures = keys.next().getSignatures(); signatures.hasNext(); ) {
                PGPSignatureSubpacketVector hashed = signatures.next().getHashedSubPackets();
                if (hashed != null && (hashed.getKeyFlags() & encrypt) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static PGPPublicKeyRing readRing(String armored) {
        if (armored == null || armored.isBlank()) {
            throw new ExportKeyException("no OpenPGP public key was given");
        }
        if (armored.length() > MAX_ARMORED_LENGTH) {
            throw new ExportKeyException("the OpenPGP public key is longer than " + MAX_ARMORED_LENGTH + " characters");
        }
        if (!armored.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            throw new ExportKeyException("the text is not an ASCII-armored OpenPGP public key"
                    + " (expected -----BEGIN PGP PUBLIC KEY BLOCK-----)");
        }
        byte[] data;
        try (ArmoredInputStream armor = new ArmoredInputStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            // Reading to the end makes the stream check the armor's CRC-24.
            data = armor.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new ExportKeyException("the armored OpenPGP key is damaged (bad base64 or checksum)", e);
        }
        Object first;
        Object next;
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(data);
            first = factory.nextObject();
            next = first == null ? null : factory.nextObject();
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's own messages describe bytes, not what a person should do.
            throw new ExportKeyException("the armored data is not a well-formed OpenPGP public key (truncated or damaged?)", e);
        }
        if (first instanceof PGPSecretKeyRing) {
            throw new ExportKeyException("the data holds secret key material; give only the public key");
        }
        if (!(first instanceof PGPPublicKeyRing ring)) {
            throw new ExportKeyException("the armored data is not an OpenPGP public key");
        }
        if (next != null) {
            throw new ExportKeyException("the armored block holds more than one key; give exactly one");
        }
        return ring;
    }

    @Override
    public String toString() {
        return "PublicKeyRecipient[" + fingerprint + ", subkey "
                + String.format(Locale.ROOT, "%016X", encryptionKey.getKeyID()) + "]";
    }
}
