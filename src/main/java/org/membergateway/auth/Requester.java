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
 */
public record Requester(Kind kind, String username, Long vendorId, String displayName, Set<Role> roles,
                        Set<String> locals, Set<String> regions, Set<String> employerGroups, String memberId)
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
        roles = Set.copyOf(roles);
        locals = Set.copyOf(locals);
        regions = Set.copyOf(regions);
        employerGroups = Set.copyOf(employerGroups);
    }

    public static Requester person(String username, String displayName, Set<Role> roles, Set<String> locals,
                                   Set<String> regions, Set<String> employerGroups, String memberId) {
        return new Requester(Kind.PERSON, username, null, displayName, roles, locals, regions, employerGroups,
                memberId);
    }

    public static Requester vendor(long vendorId, String name) {
        return new Requester(Kind.VENDOR, null, vendorId, name, Set.of(), Set.of(), Set.of(), Set.of(), null);
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
