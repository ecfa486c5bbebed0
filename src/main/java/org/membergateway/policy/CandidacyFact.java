package org.membergateway.policy;

import java.util.Objects;

/** A requester's declared candidacy: the office, and the electorate's scope. */
public record CandidacyFact(Office office, PlacedScope scope, String electionId) {
    public CandidacyFact {
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(electionId, "electionId");
    }
}
