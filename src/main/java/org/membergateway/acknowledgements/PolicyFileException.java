package org.membergateway.acknowledgements;

/**
 * A policy file is missing or wrong. Thrown while the gateway starts, so it stops with a message
 * that names the file and the entry at fault instead of serving under a policy it cannot read.
 */
public class PolicyFileException extends IllegalStateException {

    public PolicyFileException(String message) {
        super(message);
    }

    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
