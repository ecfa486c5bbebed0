package org.membergateway.vendors;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.membergateway.policy.AccessRequestBody.FiltersBody;
import org.membergateway.policy.AccessRequestBody.ScopeBody;

/**
 * The body of {@code POST /vendors/{id}/extracts} (README, Vendors): a list request with purpose
 * VENDOR_SERVICE and no channel, made under the vendor's agreement.
 */
@Schema(description = "A vendor extract: who is on it and which of the agreement's fields")
public record ExtractBody(ScopeBody scope, FiltersBody filters,
                          @Schema(description = "REPRESENTED_WORKERS, or MEMBERS for a service that needs membership status (confidentiality §4; a benefit carrier gets MEMBERS only)", example = "REPRESENTED_WORKERS") String audience,
                          @Schema(description = "Member fields, all named by the vendor's agreement") List<String> fields,
                          @Schema(description = "Why, up to 1000 characters; defaults to the agreement's service") String justification) {
}
