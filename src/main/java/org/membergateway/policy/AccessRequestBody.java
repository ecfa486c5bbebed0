package org.membergateway.policy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The JSON body of a list request and of {@code POST /decisions} (README, List requests and exports), as sent: strings
 * are checked by {@link AccessRequestParser}, which answers 400 naming the field at fault.
 */
@Schema(description = "A request for member data")
public record AccessRequestBody(
        @Schema(description = "LOCAL_COMMUNICATION, CAMPAIGN_OUTREACH, LEADERSHIP_CONTACTS, WORKSITE_LEADERS, VOTING_DATA, "
                + "VENDOR_SERVICE, OFFICIAL_ELECTION_NOTICE, OFFICER_ELECTION, CANDIDATE_PROMOTION", example = "LOCAL_COMMUNICATION")
        String purpose,
        @Schema(description = "Required for CAMPAIGN_OUTREACH, absent otherwise") Long campaignId,
        ScopeBody scope,
        FiltersBody filters,
        @Schema(description = "MEMBERS, REPRESENTED_WORKERS or CAPE_CONTRIBUTORS", example = "MEMBERS") String audience,
        @Schema(description = "EMAIL, MAIL or PHONE", example = "EMAIL") String channel,
        @Schema(description = "Member fields (the column names of the members CSV), in the order wanted") List<String> fields,
        @Schema(description = "Why the list is needed, up to 1000 characters") String justification) {

    /** {@code {"type": "LOCAL", "id": "L083"}}; statewide is {@code {"type": "STATEWIDE", "id": "ALL"}}. */
    public record ScopeBody(@Schema(example = "LOCAL") String type, @Schema(example = "L083") String id) {
    }

    /** Optional narrowing; null or absent means no filter. {@code electionId} is required for VOTING_DATA, and only there. */
    public record FiltersBody(String worksite, String classification,
                              @Schema(description = "VOTING_DATA: the statewide election whose voting records are wanted",
                                      example = "2026-board-r3") String electionId) {

        public FiltersBody(String worksite, String classification) {
            this(worksite, classification, null);
        }
    }
}
