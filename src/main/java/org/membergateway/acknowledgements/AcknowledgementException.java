package org.membergateway.acknowledgements;

/**
 * What the client got wrong in an acknowledgement call, with its HTTP status: 400 naming the field
 * (unknown document, version or language, a version that is not current, a typed name that is not
 * the account's), 403 (for someone else without STAFF), 404 (no such text).
 */
public final class AcknowledgementException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    private AcknowledgementException(int status, String error, String field, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static AcknowledgementException invalid(String field, String message) {
        return new AcknowledgementException(400, "INVALID_INPUT", field, field + ": " + message);
    }

    public static AcknowledgementException forbidden(String message) {
        return new AcknowledgementException(403, "FORBIDDEN", null, message);
    }

    public static AcknowledgementException notFound(String message) {
        return new AcknowledgementException(404, "NOT_FOUND", null, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
