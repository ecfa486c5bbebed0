package org.membergateway.directory;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.membergateway.auth.Designation;
import org.membergateway.auth.Role;

/**
 * What the directory grants a person: their ACTIVE role grants with their terms, scopes and member
 * link, as stored. Sign-in makes its principal from this at the moment of each request ({@link
 * #rolesAt}), so a term that ends stops counting without any other change; the directory does not
 * build principals.
 *
 * @param terms the person's ACTIVE grants, whether or not in effect now
 * @param locals locals the person belongs to or leads (local ids)
 * @param regions regions they cover (region ids)
 * @param employerGroups employer groups they cover (employer group ids)
 * @param memberId the member record this person is, if linked; null otherwise
 */
public record PersonGrants(String username, String displayName, List<RoleTerm> terms, Set<String> locals,
                           Set<String> regions, Set<String> employerGroups, String memberId) {

    public PersonGrants {
        terms = List.copyOf(terms);
        locals = Set.copyOf(locals);
        regions = Set.copyOf(regions);
        employerGroups = Set.copyOf(employerGroups);
    }

    /** Roles held without end (tools and tests). */
    public static PersonGrants of(String username, String displayName, Set<Role> roles, Set<String> locals,
                                  Set<String> regions, Set<String> employerGroups, String memberId) {
        return new PersonGrants(username, displayName, roles.stream().sorted().map(RoleTerm::always).toList(), locals,
                regions, employerGroups, memberId);
    }

    /** The roles whose term contains {@code now}. */
    public Set<Role> rolesAt(Instant now) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (RoleTerm term : terms) {
            if (term.inEffect(now)) {
                roles.add(term.role());
            }
        }
        return roles;
    }

    /** The DESIGNEE designations in effect at {@code now}, together; null if none is. */
    public Designation designationAt(Instant now) {
        Designation together = null;
        for (RoleTerm term : terms) {
            if (term.role() == Role.DESIGNEE && term.designation() != null && term.inEffect(now)) {
                together = together == null ? term.designation() : together.union(term.designation());
            }
        }
        return together;
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "PersonGrants[" + username + " terms=" + terms.stream().map(RoleTerm::role).toList() + "]";
    }
}
