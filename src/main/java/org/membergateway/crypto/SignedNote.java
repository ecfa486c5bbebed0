package org.membergateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys (signature type 0x01), the
 * envelope of C2SP tlog-checkpoint: a text ending in a newline, a blank line, then one line per
 * signature, {@code — <key name> <base64(key hash || signature)>}. The key hash is the first four
 * bytes of SHA-256(key name || 0x0A || 0x01 || public key). Signing uses the JDK's Ed25519.
 */
public final class SignedNote {

    /** U+2014 EM DASH and a space open every signature line. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final byte ED25519 = 0x01;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 key bytes. */
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private SignedNote() {
    }

    /** Key names must be non-empty, without Unicode spaces or '+', which separate verifier-key fields. */
    public static void checkKeyName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('+') >= 0 || name.codePoints().anyMatch(
                cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp))) {
            throw new IllegalArgumentException("a note key name is non-empty, without spaces or '+'");
        }
    }

    public static byte[] keyHash(String name, byte[] publicKey) {
        checkKeyName(name);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(ED25519);
            sha256.update(publicKey);
            return Arrays.copyOf(sha256.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The verifier key: {@code <name>+<hex key hash>+<base64(0x01 || public key)>}. */
    public static String verifierKey(String name, byte[] publicKey) {
        byte[] typed = ByteBuffer.allocate(1 + publicKey.length).put(ED25519).put(publicKey).array();
        return name + "+" + HexFormat.of().formatHex(keyHash(name, publicKey)) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Signs notes with one Ed25519 key. */
    public static final class Signer {
        private final String name;
        private final PrivateKey privateKey;
        private final byte[] publicKey;
        private final byte[] keyHash;

        public Signer(String name, PrivateKey privateKey, byte[] publicKey) {
            if (publicKey.length != 32) {
                throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
            }
            this.name = name;
            this.privateKey = privateKey;
            this.publicKey = publicKey.clone();
            this.keyHash = SignedNote.keyHash(name, publicKey);
        }

        public String name() {
            return name;
        }

        public byte[] keyHash() {
            return keyHash.clone();
        }

        public byte[] publicKey() {
            return publicKey.clone();
        }

        public String verifierKey() {
            return SignedNote.verifierKey(name, publicKey);
        }

        /** The signed note: {@code text}, a blank line, and this key's signature line. */
        public String sign(String text) {
            checkText(text);
            byte[] signature;
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initSign(privateKey);
                ed25519.update(text.getBytes(StandardCharsets.UTF_8));
                signature = ed25519.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
            byte[] blob = ByteBuffer.allocate(4 + signature.length).put(keyHash).put(signature).array();
            return text + "\n" + SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }
    }

    /** Checks notes against one verifier key. */
    public static final class Verifier {
        private final String name;
        private final byte[] keyHash;
        private final PublicKey publicKey;

        private Verifier(String name, byte[] keyHash, PublicKey publicKey) {
            this.name = name;
            this.keyHash = keyHash;
            this.publicKey = publicKey;
        }

        public static Verifier of(String name, byte[] rawPublicKey) {
            return new Verifier(name, keyHash(name, rawPublicKey), toPublicKey(rawPublicKey));
        }

        /** Parses {@code <name>+<hex key hash>+<base64(0x01 || key)>}, checking the hash it states. */
        public static Verifier parse(String verifierKey) {
            String[] parts = verifierKey.trim().split("\\+", 3);
            if (parts.length != 3 || parts[1].length() != 8) {
                throw new IllegalArgumentException("not a note verifier key");
            }
            byte[] typed = Base64.getDecoder().decode(parts[2]);
            if (typed.length != 33 || typed[0] != ED25519) {
                throw new IllegalArgumentException("not an Ed25519 note verifier key");
            }
            byte[] raw = Arrays.copyOfRange(typed, 1, 33);
            if (!MessageDigest.isEqual(HexFormat.of().parseHex(parts[1]), keyHash(parts[0], raw))) {
                throw new IllegalArgumentException("the verifier key's hash does not match its name and key");
            }
            return of(parts[0], raw);
        }

        public String name() {
            return name;
        }

        /**
         * The note's text if one of its signature lines is a valid signature by this key, else
         * empty. Lines by other keys are ignored, as the spec asks.
         */
        public Optional<String> open(String note) {
            int split = note.lastIndexOf("\n\n");
            if (split < 0 || !note.endsWith("\n")) {
                return Optional.empty();
            }
            String text = note.substring(0, split + 1);
            if (!wellFormed(text)) {
                return Optional.empty();
            }
            for (String line : note.substring(split + 2).split("\n")) {
                if (!line.startsWith(SIGNATURE_PREFIX)) {
                    return Optional.empty();
                }
                String[] fields = line.substring(SIGNATURE_PREFIX.length()).split(" ");
                if (fields.length != 2 || !fields[0].equals(name)) {
                    continue;
                }
                byte[] blob;
                try {
                    blob = Base64.getDecoder().decode(fields[1]);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                if (blob.length != 4 + 64 || !MessageDigest.isEqual(Arrays.copyOf(blob, 4), keyHash)) {
                    continue;
                }
                if (verify(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length))) {
                    return Optional.of(text);
                }
            }
            return Optional.empty();
        }

        private boolean verify(byte[] message, byte[] signature) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(publicKey);
                ed25519.update(message);
                return ed25519.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    private static PublicKey toPublicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        byte[] spki = ByteBuffer.allocate(X509_ED25519_PREFIX.length + 32).put(X509_ED25519_PREFIX).put(raw).array();
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    private static void checkText(String text) {
        if (!wellFormed(text)) {
            throw new IllegalArgumentException("a note's text ends in a newline and has no other control characters");
        }
    }

    private static boolean wellFormed(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                return false;
            }
        }
        return true;
    }
}
