package org.membergateway.elections;

import org.membergateway.http.ApiException;

/** What the client got wrong in an elections call: 400 naming the field, 404, 409 for an id in use. */
public final class ElectionInputException extends ApiException {

    private ElectionInputException(int status, String error, String field, String message) {
        super(status, error, field, message);
    }

    public static ElectionInputException invalid(String field, String message) {
        return new ElectionInputException(400, "INVALID_INPUT", field, field + ": " + message);
    }

    public static ElectionInputException notFound(String message) {
        return new ElectionInputException(404, "NOT_FOUND", null, message);
    }

    public static ElectionInputException conflict(String field, String message) {
        return new ElectionInputException(409, "CONFLICT", field, message);
    }

    /** 409 with its own error code, for a state of the election that refuses the call. */
    public static ElectionInputException conflict(String error, String field, String message) {
        return new ElectionInputException(409, error, field, message);
    }
}
