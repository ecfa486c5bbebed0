package org.membergateway.elections.inspection;

import java.time.OffsetDateTime;

/** One list inspection as stored (V24): which election, whose, when it was opened and until when it can be read. */
public record Inspection(long id, String electionId, long personId, OffsetDateTime openedAt, OffsetDateTime expiresAt) {
}
