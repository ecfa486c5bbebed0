package org.membergateway.elections.inspection;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;

/** The answer to opening an inspection: its id and when it closes. */
public record OpenedInspection(long id, @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime expiresAt) {
}
