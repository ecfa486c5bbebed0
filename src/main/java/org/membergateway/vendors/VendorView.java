package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A vendor and its agreements, newest first. No API key or digest, ever; {@code keyRevokedAt} is
 * set while its key is revoked (no key works until a new one is issued).
 */
public record VendorView(long id, String name, boolean active,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime keyIssuedAt,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime keyRevokedAt,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                         List<AgreementView> agreements) {
}
