package org.membergateway.policy;

import java.util.List;
import java.util.Set;
import org.membergateway.auth.Role;

/**
 * One permission of policies/rules.yml: who (roles, or declared candidates for some offices) may
 * ask for which purposes, over which scope, for which audiences, and whether someone must approve.
 *
 * @param id the grant's name in rules.yml, e.g. {@code LOCAL_PRESIDENT_OWN_LOCAL}
 * @param clause the policy text it implements
 * @param roles roles it applies to (empty if it applies to candidacies instead)
 * @param candidacies offices whose declared candidates it applies to
 * @param purposes purposes it allows
 * @param audiences audiences it reaches; null means whatever the purpose reaches
 * @param scope which scopes, relative to the requester
 * @param outcome ALLOW or REQUIRE_APPROVAL
 * @param approvers who approves, when the outcome is REQUIRE_APPROVAL
 */
public record Grant(String id, String clause, Set<Role> roles, Set<Office> candidacies, Set<Purpose> purposes,
                    Set<Audience> audiences, GrantScope scope, Outcome outcome, List<ApproverRule> approvers) {

    /** Which scopes a grant covers, relative to who asks. */
    public enum GrantScope {
        /** A local the requester belongs to or leads. */
        OWN_LOCAL,
        /** A region or employer group the requester covers, or a local inside one. */
        OWN_REGION_OR_GROUP,
        /** Inside the scope of one of the requester's own declared candidacies (for the offices named). */
        CANDIDACY,
        /** Any scope. */
        ANY
    }

    /** Who approves, relative to the request's scope. */
    public enum ApproverRule {
        LOCAL_PRESIDENT_OF_SCOPE,
        DIRECTOR_OF_SCOPE,
        STATEWIDE_PRESIDENT,
        EXECUTIVE_DIRECTOR,
        DESIGNEE
    }
}
