package org.membergateway.exports;

/**
 * The export store could not do what was asked: no such blob, no transaction, the database
 * refused a large-object call, or the at-rest layer found the stored bytes altered.
 */
public class ExportStoreException extends RuntimeException {

    public ExportStoreException(String message) {
        super(message);
    }

    public ExportStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
