package org.membergateway.directory;

import java.util.Set;
import org.membergateway.auth.Role;

/**
 * What the directory grants a person: roles, scopes and member link, as stored. Sign-in makes its
 * principal from this; the directory does not build principals.
 *
 * @param locals locals the person belongs to or leads (local ids)
 * @param regions regions they cover (region ids)
 * @param employerGroups employer groups they cover (employer group ids)
 * @param memberId the member record this person is, if linked; null otherwise
 */
public record PersonGrants(String username, String displayName, Set<Role> roles, Set<String> locals,
                           Set<String> regions, Set<String> employerGroups, String memberId) {

    public PersonGrants {
        roles = Set.copyOf(roles);
        locals = Set.copyOf(locals);
        regions = Set.copyOf(regions);
        employerGroups = Set.copyOf(employerGroups);
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "PersonGrants[" + username + " roles=" + roles + "]";
    }
}
