package org.membergateway.db;

/** The database cannot be reached, started or migrated; the gateway refuses to run without it. */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
