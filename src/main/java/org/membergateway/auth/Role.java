package org.membergateway.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person is in the union, as far as access to member data is concerned (README, HTTP API).
 * A person may hold several. Vendors are not people and hold none of these.
 */
public enum Role {
    ADMIN,
    AUDITOR,
    STAFF,
    EXECUTIVE_DIRECTOR,
    DESIGNEE,
    STATEWIDE_PRESIDENT,
    STATEWIDE_OFFICER,
    DIRECTOR,
    LOCAL_PRESIDENT,
    LOCAL_OFFICER,
    COMMITTEE_CHAIR,
    STEWARD,
    MEMBER;

    /** The role with exactly this name (upper case, as in the contract), if there is one. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Lower case with dashes, for demo usernames and messages. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
