package org.membergateway.exports;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * One-time export passphrases, shown to the requester once: 140 random bits as seven groups of four
 * Crockford base32 characters, e.g. {@code 7K2M-XQ9D-...}. The alphabet has no I, L, O or U, so
 * nothing is misread when copied by hand; upper case, digits and dashes type the same on every
 * keyboard layout. The passphrase is exactly the string shown, dashes included.
 */
public final class OneTimePassphrases {

    /** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
    static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final int GROUPS = 7;
    static final int GROUP_LENGTH = 4;
    /** 28 characters of 5 bits each. */
    public static final int ENTROPY_BITS = GROUPS * GROUP_LENGTH * 5;

    private final SecureRandom random;

    public OneTimePassphrases() {
        this(new SecureRandom());
    }

    OneTimePassphrases(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /** A fresh passphrase; the caller wipes the array once it has been shown and used. */
    public char[] next() {
        char[] passphrase = new char[GROUPS * GROUP_LENGTH + GROUPS - 1];
        int at = 0;
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                passphrase[at++] = '-';
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                // 32 divides 2^31, so nextInt(32) is uniform.
                passphrase[at++] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
        }
        return passphrase;
    }
}
