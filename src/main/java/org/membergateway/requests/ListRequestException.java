package org.membergateway.requests;

import org.membergateway.http.ApiException;

/**
 * A list request the client cannot have: 404 for a request they may not see (never a hint that it
 * exists), 403 for an approver who is not eligible, 409 for a request in the wrong state.
 */
public final class ListRequestException extends ApiException {

    private ListRequestException(int status, String error, String message) {
        super(status, error, null, message);
    }

    public static ListRequestException notFound() {
        return new ListRequestException(404, "NOT_FOUND", "no such list request");
    }

    public static ListRequestException forbidden(String error, String message) {
        return new ListRequestException(403, error, message);
    }

    public static ListRequestException conflict(String error, String message) {
        return new ListRequestException(409, error, message);
    }
}
