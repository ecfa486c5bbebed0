package org.membergateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * A request for member data, validated and typed (a list request's body after parsing, with its
 * scope placed). The same value serves list requests, vendor extracts and {@code POST /decisions}.
 *
 * @param purpose why
 * @param campaignId the campaign, for CAMPAIGN_OUTREACH; null otherwise
 * @param scope which part of the union
 * @param filters optional narrowing by worksite or classification (never widens)
 * @param audience whose rows
 * @param channel how they will be reached; null only for VENDOR_SERVICE
 * @param fields the member fields asked for, in the order the list will have them
 * @param justification free text from the requester, recorded with the request
 */
public record AccessRequest(Purpose purpose, Long campaignId, PlacedScope scope, Filters filters, Audience audience,
                            Channel channel, List<String> fields, String justification) {

    public AccessRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(audience, "audience");
        filters = filters == null ? Filters.NONE : filters;
        fields = List.copyOf(fields);
        if (channel == null && purpose != Purpose.VENDOR_SERVICE) {
            throw new IllegalArgumentException("a channel is required except for vendor service");
        }
    }

    /**
     * Narrowing filters; null means no filter.
     *
     * @param electionId the election whose voting records a VOTING_DATA request is about (required
     *     there, absent for every other purpose)
     */
    public record Filters(String worksite, String classification, String electionId) {
        public static final Filters NONE = new Filters(null, null, null);

        public Filters(String worksite, String classification) {
            this(worksite, classification, null);
        }
    }
}
