package org.membergateway.exports;

/**
 * Where an export stands (V7). Only READY can be downloaded; READY is set in the transaction that
 * commits the ciphertext, so a crash mid-build leaves a BUILDING row and nothing readable.
 */
public enum ExportStatus {
    /** Rows are being written; {@code rows_written} shows the progress. */
    BUILDING,
    /** Complete and downloadable until it expires or its downloads are used. */
    READY,
    /** The build failed or stopped making progress; nothing of it can be read. */
    FAILED,
    /** Crypto-shredded: its data key is deleted, its ciphertext unlinked. */
    DESTROYED
}
