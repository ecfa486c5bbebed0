package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;

/**
 * The answer to {@code POST /vendors/{id}/api-key} (README, Vendors): the vendor's new API key,
 * shown this once (only its digest is kept); the key it replaces no longer works.
 */
public record IssuedApiKey(long vendorId, String apiKey,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime keyIssuedAt) {

    /** The API key never reaches a log line. */
    @Override
    public String toString() {
        return "IssuedApiKey[" + vendorId + ", apiKey=[REDACTED]]";
    }
}
