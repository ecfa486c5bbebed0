package org.membergateway.requests;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A list request's exports, as its view lists them (README, List requests and exports): status and progress, never their
 * content. Declared here and answered by the exports capability, which owns the exports table
 * and depends on this one.
 */
public interface RequestExports {

    /** The request's exports, oldest first. */
    List<ExportSummary> of(long requestId);

    /**
     * One export of the request. {@code status} and {@code encryption} are the names the API shows
     * (BUILDING, READY, FAILED, DESTROYED; RECIPIENT_KEY, PASSPHRASE).
     *
     * @param rowsWritten member rows written so far (progress while BUILDING)
     * @param rows member rows in the finished export; null until READY
     */
    record ExportSummary(String id, String status, long rowsWritten, Long rows, String sha256, String encryption,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime expiresAt, int downloadsLeft) {
    }
}
