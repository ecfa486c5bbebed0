package org.membergateway.directory;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.membergateway.crypto.OpenPgpKeyStrength;

/**
 * An ASCII-armored OpenPGP public key, checked with Bouncy Castle well enough to store it and
 * encrypt to it later: one armored block whose checksum matches, exactly one v4 public key ring (the
 * version GnuPG 2.2 writes and reads), no secret key material, strong enough ({@link OpenPgpKeyStrength}),
 * a user id, and at least one key that can encrypt. The fingerprint is the one {@code gpg --fingerprint} shows, without spaces.
 */
public record OpenPgpPublicKey(String armored, String fingerprint) {

    public static final int MAX_ARMORED_LENGTH = 64 * 1024;
    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";
    private static final String FIELD = "openpgpKey";

    /** @throws DirectoryException 400 naming what is wrong with the key */
    public static OpenPgpPublicKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("the body must be an ASCII-armored OpenPGP public key");
        }
        if (text.length() > MAX_ARMORED_LENGTH) {
            throw invalid("the key is longer than " + MAX_ARMORED_LENGTH + " characters");
        }
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (normalized.contains("PRIVATE KEY BLOCK")) {
            throw invalid("this is a private (secret) key; upload only the public key (gpg --armor --export)");
        }
        if (!normalized.startsWith(BEGIN)) {
            throw invalid("the key must start with " + BEGIN);
        }
        int end = normalized.indexOf(END);
        if (end < 0) {
            throw invalid("the key must end with " + END);
        }
        if (end + END.length() != normalized.length()) {
            throw invalid("there is text after " + END);
        }
        PGPPublicKeyRing ring = readRing(normalized);
        PGPPublicKey primary = ring.getPublicKey();
        if (primary.getVersion() != 4) {
            throw invalid("version " + primary.getVersion() + " keys are not supported; use a v4 key (GnuPG's default)");
        }
        OpenPgpKeyStrength.problem(ring).ifPresent(problem -> {
            throw invalid("the key is too weak: " + problem);
        });
        if (!primary.getUserIDs().hasNext()) {
            throw invalid("the key has no user id");
        }
        boolean canEncrypt = false;
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            canEncrypt |= keys.next().isEncryptionKey();
        }
        if (!canEncrypt) {
            throw invalid("the key has no encryption-capable key or subkey");
        }
        String fingerprint = HexFormat.of().formatHex(primary.getFingerprint()).toUpperCase(Locale.ROOT);
        return new OpenPgpPublicKey(normalized + "\n", fingerprint);
    }

    private static PGPPublicKeyRing readRing(String armored) {
        byte[] data;
        try (ArmoredInputStream armor = new ArmoredInputStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            // Reading to the end makes the stream check the armor's CRC-24.
            data = armor.readAllBytes();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            throw invalid(message.contains("crc")
                    ? "the armor checksum does not match: the key was damaged in transit"
                    : "the armored data is not valid base64");
        }
        if (data.length == 0) {
            throw invalid("the armored data is empty");
        }
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(data);
            Object first = factory.nextObject();
            if (first instanceof PGPSecretKeyRing) {
                throw invalid("the data contains secret key material; upload only the public key");
            }
            if (!(first instanceof PGPPublicKeyRing ring)) {
                throw invalid("the data is not an OpenPGP public key");
            }
            if (factory.nextObject() != null) {
                throw invalid("the block holds more than one key; upload one key");
            }
            return ring;
        } catch (EOFException e) {
            throw invalid("a packet runs past the end of the data (truncated key?)");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DirectoryException directory) {
                throw directory;
            }
            // Bouncy Castle's own messages describe bytes, not what a person should do.
            throw invalid("the data is not a well-formed OpenPGP public key (truncated or damaged?)");
        }
    }

    private static DirectoryException invalid(String message) {
        return DirectoryException.invalid(FIELD, message);
    }

    @Override
    public String toString() {
        return "OpenPgpPublicKey[" + fingerprint + "]";
    }
}
