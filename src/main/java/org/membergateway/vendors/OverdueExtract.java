package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;

/** An approved vendor extract with no destruction attestation, approved longer ago than the configured time. */
public record OverdueExtract(long listRequestId, long vendorId, String vendorName, long agreementId, String service,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime approvedAt) {
}
