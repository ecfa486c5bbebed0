package org.membergateway.requests;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A requester's statement that the list they exported is destroyed (confidentiality §7, §8: the
 * lists may not be retained), the people's counterpart of a vendor's attestation. One per request.
 */
public record DestructionAttestation(long listRequestId, String attestedBy,
                                     @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate destroyedOn,
                                     String method, String note,
                                     @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime recordedAt) {

    /** The body of {@code POST /list-requests/{id}/destruction}. */
    @Schema(description = "Your statement that the exported list was destroyed")
    public record Body(
            @Schema(description = "The day it was destroyed, ISO-8601; not in the future", example = "2026-12-20") String destroyedOn,
            @Schema(description = "How, 1-200 characters", example = "Deleted the file and emptied the trash") String method,
            @Schema(description = "Anything else, up to 1000 characters") String note) {
    }
}
