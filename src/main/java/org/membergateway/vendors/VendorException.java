package org.membergateway.vendors;

import org.membergateway.http.ApiException;

/**
 * A vendor call the client cannot have: 404 for a vendor or extract the caller may not see (a
 * vendor asking about another vendor's extract gets the same 404 as for one that does not exist),
 * 409 for something in the wrong state.
 */
public final class VendorException extends ApiException {

    private VendorException(int status, String error, String message) {
        super(status, error, null, message);
    }

    public static VendorException notFound(String message) {
        return new VendorException(404, "NOT_FOUND", message);
    }

    public static VendorException conflict(String error, String message) {
        return new VendorException(409, error, message);
    }
}
