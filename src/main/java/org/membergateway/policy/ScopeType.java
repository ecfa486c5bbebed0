package org.membergateway.policy;

import java.util.Optional;

/**
 * The part of the union a candidacy, campaign or request covers (README, HTTP API). A statewide scope
 * has the single id {@value #STATEWIDE_ID}.
 */
public enum ScopeType {
    LOCAL,
    REGION,
    EMPLOYER_GROUP,
    STATEWIDE;

    public static final String STATEWIDE_ID = "ALL";

    public static Optional<ScopeType> parse(String name) {
        for (ScopeType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
