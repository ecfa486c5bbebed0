package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;

/**
 * A seed record that carries one of the values an auditor traced: the export it was planted in,
 * the request and who asked for it, and which field matched. Never a member's data: seed records
 * are fictional people.
 */
public record SeedMatch(String exportId, long requestId, String requester, Long vendorId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime exportedAt, int seedNo, String field) {
}
