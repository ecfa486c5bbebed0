package org.membergateway.exports;

/**
 * A key given for an export cannot be used: not OpenPGP, no key that may encrypt now, revoked,
 * expired, or a signer whose halves do not match. The message says which, for a person to act on;
 * it never contains key material.
 */
public class ExportKeyException extends IllegalArgumentException {

    public ExportKeyException(String message) {
        super(message);
    }

    public ExportKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
