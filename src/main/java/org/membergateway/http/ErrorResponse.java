package org.membergateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error the API returns: a stable machine-readable {@code error} code and a
 * message for people. Import errors also carry the line and column at fault; errors in a JSON
 * request body name the {@code field} at fault (e.g. {@code roles[1]}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, Long line, String column, String field) {

    public static ErrorResponse of(String error, String message) {
        return new ErrorResponse(error, message, null, null, null);
    }

    public static ErrorResponse ofField(String error, String field, String message) {
        return new ErrorResponse(error, message, null, null, field);
    }
}
