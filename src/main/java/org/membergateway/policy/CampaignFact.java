package org.membergateway.policy;

import java.time.LocalDate;
import java.util.Objects;

/** The campaign a request names, as the engine needs it. */
public record CampaignFact(long id, CampaignKind kind, PlacedScope scope, LocalDate startsOn, LocalDate endsOn) {
    public CampaignFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(endsOn, "endsOn");
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
