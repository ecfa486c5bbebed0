package org.membergateway.policy;

/**
 * A policy file is missing or wrong: the message names the file, the place in it and the problem.
 * Thrown while the gateway starts, so it stops instead of deciding under a policy it cannot read.
 */
public class PolicyException extends IllegalStateException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
