package org.membergateway.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Usernames: 2 to 64 characters of {@code a-z 0-9 . _ @ -}, starting with a letter or digit,
 * compared without regard to case (stored in lower case).
 */
public final class Usernames {

    public static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private Usernames() {
    }

    /** The stored form of a username, or empty if it is not a valid one. */
    public static Optional<String> normalize(String username) {
        if (username == null || username.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String lower = username.toLowerCase(Locale.ROOT);
        return SHAPE.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }
}
