package org.membergateway.http;

/** 403: the caller is who they say, and may not do this. Answered as JSON for the API and as a page for pages. */
public final class AccessDeniedException extends ApiException {

    public AccessDeniedException(String error, String message) {
        super(403, error, null, message);
    }
}
