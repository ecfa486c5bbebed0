package org.membergateway.policy;

import java.util.Set;

/**
 * What a campaign is for, besides its scope: the classifications and worksites it reaches and the
 * audiences it may reach. An empty set does not narrow. A request under the campaign must stay
 * within every non-empty set (CAMPAIGN_INVALID otherwise): its classification filter must be one of
 * the classifications, its worksite filter one of the worksites, its audience one of the audiences.
 * Values compare exactly with the members' columns, as the request's filters do.
 */
public record CampaignTargets(Set<String> classifications, Set<String> worksites, Set<Audience> audiences) {
    public static final CampaignTargets NONE = new CampaignTargets(Set.of(), Set.of(), Set.of());

    public CampaignTargets {
        classifications = classifications == null ? Set.of() : Set.copyOf(classifications);
        worksites = worksites == null ? Set.of() : Set.copyOf(worksites);
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
    }
}
