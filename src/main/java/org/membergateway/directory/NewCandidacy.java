package org.membergateway.directory;

/** The body of {@code POST /api/v1/people/{username}/candidacies}. */
public record NewCandidacy(String office, String scopeType, String scopeId, String electionId) {
}
