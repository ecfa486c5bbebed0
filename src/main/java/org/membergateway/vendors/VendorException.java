package org.membergateway.vendors;

/**
 * A vendor call the client cannot have: 404 for a vendor or extract the caller may not see (a
 * vendor asking about another vendor's extract gets the same 404 as for one that does not exist),
 * 409 for something in the wrong state.
 */
public final class VendorException extends RuntimeException {

    private final int status;
    private final String error;

    private VendorException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static VendorException notFound(String message) {
        return new VendorException(404, "NOT_FOUND", message);
    }

    public static VendorException conflict(String error, String message) {
        return new VendorException(409, error, message);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
