package org.membergateway.auth;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: a person (signed in with a password) or a vendor (API key), with what the policy
 * needs to know about them. A plain value: resources get it from their request with
 * {@link Requesters#from}, and everything past the resource takes it as a parameter.
 *
 * @param kind person or vendor
 * @param username the person's username; null for a vendor
 * @param vendorId the vendor's id; null for a person
 * @param displayName how to address them
 * @param roles the person's roles; empty for a vendor
 * @param locals locals the person belongs to or leads (local ids)
 * @param regions regions they cover (region ids)
 * @param employerGroups employer groups they cover (employer group ids)
 * @param memberId the member record this person is, if linked; null otherwise
 * @param designation what a DESIGNEE is designated for; null unless {@code roles} holds DESIGNEE
 */
public record Requester(Kind kind, String username, Long vendorId, String displayName, Set<Role> roles,
                        Set<String> locals, Set<String> regions, Set<String> employerGroups, String memberId,
                        Designation designation)
        implements Principal {

    public enum Kind { PERSON, VENDOR }

    public Requester {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PERSON) {
            Objects.requireNonNull(username, "username");
            if (vendorId != null) {
                throw new IllegalArgumentException("a person has no vendor id");
            }
        } else {
            Objects.requireNonNull(vendorId, "vendorId");
            if (username != null || !roles.isEmpty() || memberId != null) {
                throw new IllegalArgumentException("a vendor has no username, roles or member record");
            }
        }
        if (roles.contains(Role.DESIGNEE) != (designation != null)) {
            throw new IllegalArgumentException("a DESIGNEE, and only a DESIGNEE, has a designation");
        }
        roles = Set.copyOf(roles);
        locals = Set.copyOf(locals);
        regions = Set.copyOf(regions);
        employerGroups = Set.copyOf(employerGroups);
    }

    /**
     * A person as tests and tools build them: a DESIGNEE made this way is designated for every
     * purpose statewide without end ({@link Designation#EVERYTHING}). Sign-in never uses it; it
     * builds people with the designation the directory holds.
     */
    public static Requester person(String username, String displayName, Set<Role> roles, Set<String> locals,
                                   Set<String> regions, Set<String> employerGroups, String memberId) {
        return person(username, displayName, roles, locals, regions, employerGroups, memberId,
                roles.contains(Role.DESIGNEE) ? Designation.EVERYTHING : null);
    }

    /**
     * A person whose DESIGNEE role (if held) is limited to {@code designation}: how sign-in builds
     * every person.
     */
    public static Requester person(String username, String displayName, Set<Role> roles, Set<String> locals,
                                   Set<String> regions, Set<String> employerGroups, String memberId,
                                   Designation designation) {
        return new Requester(Kind.PERSON, username, null, displayName, roles, locals, regions, employerGroups,
                memberId, designation);
    }

    public static Requester vendor(long vendorId, String name) {
        return new Requester(Kind.VENDOR, null, vendorId, name, Set.of(), Set.of(), Set.of(), Set.of(), null, null);
    }

    public boolean isPerson() {
        return kind == Kind.PERSON;
    }

    public boolean isVendor() {
        return kind == Kind.VENDOR;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether the requester holds this role name: a {@link Role}'s name, or {@link RoleNames#PERSON}
     * / {@link RoleNames#VENDOR} for the kind of caller.
     */
    public boolean hasRoleName(String name) {
        if (RoleNames.PERSON.equals(name)) {
            return isPerson();
        }
        if (RoleNames.VENDOR.equals(name)) {
            return isVendor();
        }
        return Role.parse(name).map(roles::contains).orElse(false);
    }

    /** The name the audit trail records: the username, or {@code vendor:<id>}. */
    public String actor() {
        return isPerson() ? username : "vendor:" + vendorId;
    }

    @Override
    public String getName() {
        return actor();
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "Requester[" + actor() + (isPerson() ? " roles=" + roles : "") + "]";
    }
}
