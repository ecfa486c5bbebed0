package org.membergateway.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the executive director designated a DESIGNEE for: the purposes (policy purpose names) and
 * scopes ({@code TYPE:id}, e.g. {@code LOCAL:L083}, {@code REGION:R3}, {@code STATEWIDE:ALL}) in
 * which the designee acts with statewide authority, and when the designation ends. Outside them the
 * DESIGNEE role confers nothing (the policy engine applies it, per request). Plain strings here
 * because the policy's types build on this package; the directory validates them when granted.
 *
 * @param until when the designation ends (exclusive)
 */
public record Designation(Set<String> purposes, Set<String> scopes, Instant until) {

    /** Any purpose ({@link #purposes} may hold it; the directory never stores it). */
    public static final String ANY_PURPOSE = "*";

    /**
     * Every purpose, statewide, without end: what a DESIGNEE built without a designation holds
     * (tests of the policy's rules). The directory cannot grant it: it stores only named purposes.
     */
    public static final Designation EVERYTHING = new Designation(Set.of(ANY_PURPOSE), Set.of("STATEWIDE:ALL"),
            Instant.MAX);

    public Designation {
        purposes = Set.copyOf(purposes);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(until, "until");
        if (purposes.isEmpty() || scopes.isEmpty()) {
            throw new IllegalArgumentException("a designation names at least one purpose and one scope");
        }
    }

    public boolean coversPurpose(String purpose) {
        return purposes.contains(ANY_PURPOSE) || purposes.contains(purpose);
    }

    /** Several live designations of one person count together: any of them may cover a request. */
    public Designation union(Designation other) {
        Set<String> p = new java.util.HashSet<>(purposes);
        p.addAll(other.purposes);
        Set<String> s = new java.util.HashSet<>(scopes);
        s.addAll(other.scopes);
        return new Designation(p, s, until.isAfter(other.until) ? until : other.until);
    }
}
