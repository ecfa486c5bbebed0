package org.membergateway.directory;

import java.util.List;

/**
 * The body of {@code POST /api/v1/campaigns}; dates are ISO-8601 ({@code 2026-03-01}).
 *
 * @param ownerUsername the person responsible for the campaign; absent = the person creating it
 * @param targets what requests under it must stay within; SELECTIVE_CLASSIFICATION needs classifications
 */
public record NewCampaign(String name, String kind, String scopeType, String scopeId, String startsOn, String endsOn,
                          String ownerUsername, Targets targets) {

    /** Backwards-compatible shape: no owner named, no targets. */
    public NewCampaign(String name, String kind, String scopeType, String scopeId, String startsOn, String endsOn) {
        this(name, kind, scopeType, scopeId, startsOn, endsOn, null, null);
    }

    /** Each list optional; values compare exactly with the members' columns. */
    public record Targets(List<String> classifications, List<String> worksites, List<String> audiences) {
    }
}
