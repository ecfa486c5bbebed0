package org.membergateway.policy;

import java.util.List;
import java.util.Optional;

/**
 * What the policy needs to know about the union's structure and people to decide a request:
 * where scopes lie, a requester's candidacies, a campaign. Declared here and answered by the
 * directory, which owns those tables: the policy reads no table itself, and the engine gets values,
 * never a connection. Called inside the caller's transaction, so a request and the facts it was
 * decided on are read together.
 */
public interface PolicyFacts {

    /** The scope with its region and employer group, if it exists. */
    Optional<PlacedScope> place(ScopeType type, String id);

    /** The person's declared candidacies, each with its electorate placed. */
    List<CandidacyFact> candidacies(String username);

    /** The campaign with this id, its scope placed, if it exists. */
    Optional<CampaignFact> campaign(long id);
}
