package org.membergateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.membergateway.crypto.SecretFiles;
import org.slf4j.LoggerFactory;

/**
 * The server secret behind every keyed hash in authentication: vendor API key digests, the
 * verified-credentials cache keys and the lockout keys. Without it a copy of the database does not
 * let anyone test guesses of an API key against its digest.
 *
 * <p>Every instance that shares a database must use the same secret: set
 * {@code GATEWAY_API_KEY_SECRET}. Without it the gateway keeps one in
 * {@code GATEWAY_DATA_DIR/keys/api-key-secret} (mode 600), made at first start.
 */
public final class ServerSecret {

    public static final String FILE_NAME = "api-key-secret";
    /** At least 256 bits, as the keys it protects. */
    public static final int MIN_BYTES = 32;

    private final SecretKeySpec key;

    private ServerSecret(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the API key secret must be at least " + MIN_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A secret given in the configuration: its UTF-8 bytes (use 32+ random bytes, base64-encoded). */
    public static ServerSecret of(String configured) {
        return new ServerSecret(configured.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The configured secret if there is one, else the one kept in {@code keysDir} (made when
     * missing). With a shared database that second choice is logged: every instance needs the
     * same secret, or vendor API keys work on one instance only.
     */
    public static ServerSecret configuredOrKept(String configured, Path keysDir, boolean sharedDatabase) {
        if (!configured.isEmpty()) {
            return of(configured);
        }
        if (sharedDatabase) {
            LoggerFactory.getLogger(ServerSecret.class).warn("GATEWAY_API_KEY_SECRET is not set: using {}/{}. Every"
                    + " gateway instance that shares this database needs the same secret, or vendor API keys work on"
                    + " one instance only.", keysDir, FILE_NAME);
        }
        return loadOrCreate(keysDir);
    }

    /** A secret kept elsewhere (sealed in the database: crypto.keystore), as raw bytes. */
    public static ServerSecret ofBytes(byte[] secret) {
        return new ServerSecret(secret.clone());
    }

    /** New random secret bytes, for keeping elsewhere. */
    public static byte[] generateBytes() {
        byte[] secret = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The bytes of the secret an earlier start kept in {@code keysDir}, if it kept one (for moving it). */
    public static java.util.Optional<byte[]> readKept(Path keysDir) {
        Path file = keysDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the API key secret " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The API key secret in " + file + " is not base64 of 32 or more bytes", e);
        }
    }

    /** Reads the secret from {@code keysDir/api-key-secret}, creating it (mode 600) when missing. */
    public static ServerSecret loadOrCreate(Path keysDir) {
        Path file = keysDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(keysDir, file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new ServerSecret(Base64.getDecoder().decode(text));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read or create the API key secret in " + keysDir + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The API key secret in " + file + " is not base64 of 32 or more bytes", e);
        }
    }

    private static void create(Path keysDir, Path file) throws IOException {
        byte[] secret = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        byte[] text = (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII);
        SecretFiles.createOwnerOnly(keysDir, file, text);
    }

    /** HMAC-SHA-256 of the parts, each prefixed by a domain label and separated so no two inputs collide. */
    public byte[] mac(String domain, String... parts) {
        Mac mac = newMac();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed: ("ab","c") and ("a","bc") differ.
            mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length});
            mac.update(bytes);
        }
        return mac.doFinal();
    }

    /** HMAC of a password-like value held in a char array, without making a String of it. */
    public byte[] mac(String domain, String part, char[] secretPart) {
        Mac mac = newMac();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        mac.update(bytes);
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secretPart));
        mac.update(encoded);
        java.util.Arrays.fill(encoded.array(), (byte) 0);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ServerSecret[REDACTED]";
    }
}
