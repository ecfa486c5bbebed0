package org.membergateway.elections.mailings;

import org.membergateway.http.ApiException;

/** An election mailing call the client cannot have: 403, 404 or 409 with a stable code. */
public final class MailingException extends ApiException {

    private MailingException(int status, String error, String message) {
        super(status, error, null, message);
    }

    public static MailingException notFound(String message) {
        return new MailingException(404, "NOT_FOUND", message);
    }

    public static MailingException forbidden(String error, String message) {
        return new MailingException(403, error, message);
    }

    public static MailingException conflict(String error, String message) {
        return new MailingException(409, error, message);
    }
}
