package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;

/** A declared candidacy (README, HTTP API). */
public record CandidacyView(long id, String username, String office, String scopeType, String scopeId,
                            String electionId, @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime declaredAt) {
}
