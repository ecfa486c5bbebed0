package org.membergateway.directory;

import org.membergateway.http.ApiException;

/**
 * What the client got wrong in a directory call, with the HTTP status it maps to: 400 naming the
 * field, 403 for an object-level denial, 404 for an unknown person or campaign, 409 for something
 * that already exists.
 */
public final class DirectoryException extends ApiException {

    private DirectoryException(int status, String error, String field, String message) {
        super(status, error, field, message);
    }

    public static DirectoryException invalid(String field, String message) {
        return new DirectoryException(400, "INVALID_INPUT", field, field + ": " + message);
    }

    public static DirectoryException notFound(String message) {
        return new DirectoryException(404, "NOT_FOUND", null, message);
    }

    public static DirectoryException forbidden(String message) {
        return new DirectoryException(403, "FORBIDDEN", null, message);
    }

    public static DirectoryException conflict(String field, String message) {
        return new DirectoryException(409, "CONFLICT", field, message);
    }
}
