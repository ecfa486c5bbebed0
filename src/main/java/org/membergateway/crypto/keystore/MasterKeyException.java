package org.membergateway.crypto.keystore;

/**
 * The master key is missing its form, unreadable, or not the one that sealed the database's keys.
 * The message is for the operator, one line, and never carries key material; the server command
 * prints it without a stack trace and the gateway does not start.
 */
public class MasterKeyException extends IllegalStateException {

    public MasterKeyException(String message) {
        super(message);
    }
}
