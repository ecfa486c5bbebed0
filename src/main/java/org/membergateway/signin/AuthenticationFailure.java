package org.membergateway.signin;

import java.time.Duration;

/**
 * Credentials were not accepted. The message is safe to show: it never says whether a username
 * exists, and never repeats what was presented.
 */
public final class AuthenticationFailure extends RuntimeException {

    public enum Kind {
        /** Not credentials at all: unparseable header, overlong username or password. 401. */
        MALFORMED,
        /** Unknown username, wrong password, unknown or disabled API key. 401. */
        BAD_CREDENTIALS,
        /** Too many recent failures for this username. 429 with Retry-After. */
        LOCKED,
        /** Too many password checks in progress; nothing was checked. 503 with Retry-After. */
        BUSY
    }

    private final Kind kind;
    private final Duration retryAfter;

    private AuthenticationFailure(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static AuthenticationFailure malformed(String message) {
        return new AuthenticationFailure(Kind.MALFORMED, message, null);
    }

    public static AuthenticationFailure badPassword() {
        return new AuthenticationFailure(Kind.BAD_CREDENTIALS, "Unknown username or wrong password.", null);
    }

    /** The password was right but an administrator disabled the account. */
    public static AuthenticationFailure disabled() {
        return new AuthenticationFailure(Kind.BAD_CREDENTIALS, "This account is disabled; ask an administrator.", null);
    }

    public static AuthenticationFailure badApiKey() {
        return new AuthenticationFailure(Kind.BAD_CREDENTIALS, "The API key is not valid.", null);
    }

    public static AuthenticationFailure locked(Duration retryAfter) {
        return new AuthenticationFailure(Kind.LOCKED, "Too many failed sign-ins for this username; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s.", retryAfter);
    }

    public static AuthenticationFailure busy() {
        return new AuthenticationFailure(Kind.BUSY, "Too many sign-ins in progress; try again in a moment.",
                Duration.ofSeconds(1));
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#LOCKED}: how long until the lock ends; for {@link Kind#BUSY}: when to try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
