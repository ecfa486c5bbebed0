package org.membergateway.exports;

import java.io.IOException;

/**
 * A blob would take the export store past its quota ({@code exports.storeQuotaBytes}). An
 * {@link IOException}, so it leaves the blob writer the way a failed write does and stops the
 * build wherever it is; the build's transaction then rolls back what it wrote. Carries sizes only.
 */
public final class ExportStoreFullException extends IOException {

    private final long usedBytes;
    private final long quotaBytes;

    ExportStoreFullException(long usedBytes, long quotaBytes) {
        super("the export store is full: " + usedBytes + " of its " + quotaBytes + " bytes are in use by live exports");
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    /** The store-full refusal somewhere in {@code failure}'s causes (the CSV, OpenPGP and JDBC layers wrap it). */
    static java.util.Optional<ExportStoreFullException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExportStoreFullException full) {
                return java.util.Optional.of(full);
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof ExportStoreFullException full) {
                    return java.util.Optional.of(full);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
