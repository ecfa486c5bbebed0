package org.membergateway.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Vendor API keys: {@value #PREFIX} followed by 256 random bits in unpadded base64url. The key is
 * shown once, when issued; the database keeps only {@link #digest} (HMAC-SHA-256 under the server
 * secret), so a copy of the database neither reveals a key nor lets anyone test guesses offline.
 */
public final class ApiKeys {

    public static final String PREFIX = "mgw_";
    private static final int KEY_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");
    private static final String DOMAIN = "member-gateway api-key v1";

    private final ServerSecret secret;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(ServerSecret secret) {
        this.secret = secret;
    }

    /** A new random key; store its {@link #digest} and hand the key itself to the vendor once. */
    public String generate() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a presented token looks like one of our keys (checked before any lookup). */
    public static boolean looksLikeKey(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The value stored for a key, and looked up when a key is presented. */
    public byte[] digest(String key) {
        return secret.mac(DOMAIN, key);
    }
}
