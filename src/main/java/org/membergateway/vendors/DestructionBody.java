package org.membergateway.vendors;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a destruction attestation. */
@Schema(description = "The vendor's statement that an extract's data was destroyed")
public record DestructionBody(
        @Schema(description = "The day it was destroyed, ISO-8601; not in the future", example = "2026-12-20") String destroyedOn,
        @Schema(description = "How, 1-200 characters", example = "Files securely deleted (shred); printouts cross-cut shredded")
        String method,
        @Schema(description = "Anything else, up to 1000 characters") String note) {
}
