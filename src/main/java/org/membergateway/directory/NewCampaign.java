package org.membergateway.directory;

/** The body of {@code POST /api/v1/campaigns}; dates are ISO-8601 ({@code 2026-03-01}). */
public record NewCampaign(String name, String kind, String scopeType, String scopeId, String startsOn, String endsOn) {
}
