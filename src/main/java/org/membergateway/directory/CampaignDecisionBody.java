package org.membergateway.directory;

/** The body of {@code POST /api/v1/campaigns/{id}/approval}: {@code {"approve": true|false, "note"}}. */
public record CampaignDecisionBody(Boolean approve, String note) {
}
