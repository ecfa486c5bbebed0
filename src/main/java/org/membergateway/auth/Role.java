package org.membergateway.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
    MEMBER,
    /** Runs union elections; the elections themselves come later, the role is an authority role now. */
    ELECTION_COMMITTEE;

    /**
     * Roles that carry authority over others or over member data at large: granted, they confer
     * nothing until a second person holding one of {@link #CONFIRMERS} confirms them (once such a
     * person exists; see the directory's two-person rule).
     */
    public static final Set<Role> AUTHORITY = Collections.unmodifiableSet(EnumSet.of(ADMIN, EXECUTIVE_DIRECTOR,
            DESIGNEE, STATEWIDE_PRESIDENT, LOCAL_PRESIDENT, DIRECTOR, ELECTION_COMMITTEE));

    /** Who confirms grants of authority roles: never the granter, never the grantee. */
    public static final Set<Role> CONFIRMERS = Collections.unmodifiableSet(EnumSet.of(EXECUTIVE_DIRECTOR,
            STATEWIDE_PRESIDENT));

    /** Whether a grant of this role needs a second person's confirmation. */
    public boolean isAuthority() {
        return AUTHORITY.contains(this);
    }

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
