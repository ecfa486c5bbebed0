package org.membergateway.policy;

/** The policy files cannot be loaded: the message names the file, the place in it and the problem. */
public class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
