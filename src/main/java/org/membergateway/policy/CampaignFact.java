package org.membergateway.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The campaign a request names, as the engine needs it: what it is, where, when, whether it has
 * been approved (and not ended), and the targets a request under it must stay within.
 */
public record CampaignFact(long id, CampaignKind kind, PlacedScope scope, LocalDate startsOn, LocalDate endsOn,
                           CampaignStatus status, CampaignTargets targets) {
    public CampaignFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(endsOn, "endsOn");
        Objects.requireNonNull(status, "status");
        targets = targets == null ? CampaignTargets.NONE : targets;
    }

    /** An approved campaign without targets (test worlds and callers that predate approval). */
    public CampaignFact(long id, CampaignKind kind, PlacedScope scope, LocalDate startsOn, LocalDate endsOn) {
        this(id, kind, scope, startsOn, endsOn, CampaignStatus.ACTIVE, CampaignTargets.NONE);
    }

    /** Whether {@code day} lies between the first and last days, both included (regardless of status). */
    public boolean activeOn(LocalDate day) {
        return !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
}
