package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A statement that a vendor extract's data has been destroyed.
 *
 * @param attestedBy {@code vendor:<id>} when the vendor attested with its key, else the staff member who recorded it
 */
public record AttestationView(long id, long listRequestId, String attestedBy,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate destroyedOn, String method,
                              String note, @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime recordedAt) {
}
