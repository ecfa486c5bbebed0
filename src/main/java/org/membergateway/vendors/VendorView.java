package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;
import java.util.List;

/** A vendor and its agreements, newest first. No API key or digest, ever. */
public record VendorView(long id, String name, boolean active,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime keyIssuedAt,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                         List<AgreementView> agreements) {
}
