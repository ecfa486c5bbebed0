package org.membergateway.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loaded, validated policy (policies/rules.yml and policies/fields.yml). Immutable; the engine
 * decides against one of these.
 *
 * @param version {@code sha256:<hex>} of the policy files (see {@link PolicyLoader})
 * @param bans purposes nobody may have data for
 * @param acknowledgement clause and message of the acknowledgement gate
 * @param purposes every purpose's conditions
 * @param campaignAudiences audiences only some campaign kinds reach
 * @param grants the permissions, in file order
 * @param candidate the escalation for declared candidates inside their own election's scope
 * @param largeList the escalation for statewide lists and lists above a purpose's row cap
 * @param fields the field catalogue
 */
public record Policy(String version, Map<Purpose, Ban> bans, Cited acknowledgement, Map<Purpose, PurposeRule> purposes,
                     Map<Audience, Set<CampaignKind>> campaignAudiences, List<Grant> grants,
                     Escalation candidate, Escalation largeList, FieldCatalogue fields) {

    /** A purpose nobody may have member data for. */
    public record Ban(RuleId rule, String clause, String message) {
    }

    /** A clause with the message people see when it applies. */
    public record Cited(String clause, String message) {
    }

    /**
     * What a purpose requires.
     *
     * @param rowCap lists above this many rows need the large-list approvers; 0 for no cap
     * @param largeListEscalation whether a statewide or capped list needs the large-list approvers
     *     (false for lists the text makes available on request, e.g. AP&P IV §6's master list)
     * @param candidateEscalation whether a declared candidate in their own electorate needs approval
     *     (false for what every member may have, e.g. confidentiality §6 leaders' contacts)
     */
    public record PurposeRule(String clause, String description, boolean requiresCampaign, boolean requiresAgreement,
                              Set<Audience> audiences, RowSet rows, long rowCap, boolean largeListEscalation,
                              boolean candidateEscalation) {

        /**
         * The purpose's grants are entitlements the clause gives by rule (AP&P XVI §6(e) "will be
         * available"): what a grant allows is escalated to nobody's discretion, neither for a large
         * list nor for a declared candidate (policies/README.md, "Membership voting data").
         */
        public boolean entitlement() {
            return !largeListEscalation && !candidateEscalation;
        }
    }

    /** What turns an allowed request into one that needs approval, and who approves then. */
    public record Escalation(RuleId rule, String clause, List<Grant.ApproverRule> approvers) {
    }

    /** The grants for each purpose, in file order: the engine looks only at those. */
    Map<Purpose, List<Grant>> grantsByPurpose() {
        Map<Purpose, List<Grant>> byPurpose = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.values()) {
            byPurpose.put(purpose, grants.stream().filter(g -> g.purposes().contains(purpose)).toList());
        }
        return byPurpose;
    }
}
