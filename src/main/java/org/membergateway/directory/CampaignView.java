package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A campaign or project (README, HTTP API); {@code owner} is the username of the person who created it. */
public record CampaignView(long id, String name, String kind, String scopeType, String scopeId,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate startsOn,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate endsOn, String owner,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt) {
}
