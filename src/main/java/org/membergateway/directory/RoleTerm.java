package org.membergateway.directory;

import java.time.Instant;
import java.util.Objects;
import org.membergateway.auth.Designation;
import org.membergateway.auth.Role;

/**
 * An ACTIVE grant of a role for its term: what sign-in turns into roles, at the moment of each
 * request. Pending, rejected and revoked grants never become terms.
 *
 * @param from when the role starts to count
 * @param until when it stops (exclusive); null: until revoked
 * @param designation a DESIGNEE's purposes and scopes; null for other roles
 */
public record RoleTerm(Role role, Instant from, Instant until, Designation designation) {

    public RoleTerm {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(from, "from");
    }

    /** An open-ended term from the beginning of time: for tools and tests that just need a role. */
    public static RoleTerm always(Role role) {
        return new RoleTerm(role, Instant.MIN, null, role == Role.DESIGNEE ? Designation.EVERYTHING : null);
    }

    /** Whether the role counts at {@code now}: inside [from, until), and for a DESIGNEE before the designation's end. */
    public boolean inEffect(Instant now) {
        return !now.isBefore(from) && (until == null || now.isBefore(until))
                && (designation == null || now.isBefore(designation.until()));
    }
}
