package org.membergateway.http;

/**
 * Something the client cannot have, answered with its HTTP status and an {@link ErrorResponse}
 * ({@link ApiExceptionMapper}): a capability extends it with factory methods that say what went
 * wrong in its own terms (400 naming the field, 403, 404, 409, 410).
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    protected ApiException(int status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The stable machine-readable code, e.g. {@code INVALID_INPUT} or {@code NOT_APPROVED}. */
    public String error() {
        return error;
    }

    /** Seconds the client should wait before trying again ({@code Retry-After}), for refusals that pass. */
    public java.util.OptionalInt retryAfterSeconds() {
        return java.util.OptionalInt.empty();
    }

    /** The request field at fault, e.g. {@code roles[1]}; null when it is not one field. */
    public String field() {
        return field;
    }
}
