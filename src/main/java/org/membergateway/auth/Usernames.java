package org.membergateway.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Usernames: 2 to 64 characters of {@code a-z 0-9 . _ @ -}, starting with a letter or digit,
 * compared without regard to case (stored in lower case). ASCII only, so no Unicode look-alike of an
 * account's name can sign in as it or be created beside it.
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
        // ASCII before lower-casing, not only after: a few non-ASCII letters lower-case to ASCII (the
        // Kelvin sign U+212A to 'k'), and a name is compared as the characters that were sent.
        // Look-alikes (a Cyrillic 'а' in "admin") never become a username at all.
        for (int i = 0; i < username.length(); i++) {
            if (username.charAt(i) > 0x7F) {
                return Optional.empty();
            }
        }
        String lower = username.toLowerCase(Locale.ROOT);
        return SHAPE.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }
}
