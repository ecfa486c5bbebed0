package org.membergateway.policy;

import java.util.Objects;

/**
 * One step of a decision's explanation, in the union's own terms.
 *
 * @param rule the stable rule id
 * @param clause the policy text it implements, e.g. {@code confidentiality §7} or {@code AP&P XVI §6(e)}
 * @param message what it means for this request, for the person who asked
 */
public record Reason(RuleId rule, String clause, String message) {
    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(message, "message");
    }
}
