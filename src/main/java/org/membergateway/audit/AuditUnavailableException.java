package org.membergateway.audit;

/**
 * An audit entry could not be durably written, so the operation that needed it must not happen.
 * The HTTP layer answers 503 and releases nothing (fail closed).
 */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message) {
        super(message);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
