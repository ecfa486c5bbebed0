package org.membergateway.directory;

/**
 * The body of {@code POST /api/v1/people/{username}/roles}. {@code from} and {@code until} are
 * ISO-8601 dates (00:00 UTC that day) or instants; {@code until} is exclusive, and both are
 * optional (from now, without end). A DESIGNEE needs {@code designation}.
 */
public record NewRoleGrant(String role, String from, String until, NewDesignation designation) {
}
