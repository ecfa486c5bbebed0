package org.membergateway.exports;

import java.util.Arrays;

/**
 * A symmetric recipient: the export opens with this passphrase ({@code gpg --decrypt} asks for it).
 * The array is copied in and out so the caller may wipe its own copy; {@link #wipe()} clears this one.
 */
public record PassphraseRecipient(char[] passphrase) implements ExportRecipient {

    public PassphraseRecipient {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase must not be empty");
        }
        passphrase = passphrase.clone();
    }

    @Override
    public char[] passphrase() {
        return passphrase.clone();
    }

    /** Overwrites the held passphrase once the export is written. */
    public void wipe() {
        Arrays.fill(passphrase, '\0');
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "PassphraseRecipient[REDACTED]";
    }
}
