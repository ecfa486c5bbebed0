package org.membergateway.auth;

/** What a new password must be: 12 to 1024 characters, no control characters. */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    /** Also the longest password a sign-in accepts; longer ones are refused before any hashing. */
    public static final int MAX_LENGTH = 1024;

    private Passwords() {
    }

    /** @return null if acceptable, otherwise what is wrong (never the password itself) */
    public static String problem(CharSequence password) {
        if (password == null || password.length() == 0) {
            return "is required";
        }
        if (password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < password.length()
                    && Character.isLowSurrogate(password.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not well-formed Unicode";
            }
        }
        return null;
    }
}
