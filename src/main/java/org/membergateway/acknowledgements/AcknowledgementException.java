package org.membergateway.acknowledgements;

import org.membergateway.http.ApiException;

/**
 * What the client got wrong in an acknowledgement call, with its HTTP status: 400 naming the field
 * (unknown document, version or language, a version that is not current, a typed name that is not
 * the account's), 403 (for someone else without STAFF), 404 (no such text).
 */
public final class AcknowledgementException extends ApiException {

    private AcknowledgementException(int status, String error, String field, String message) {
        super(status, error, field, message);
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
}
