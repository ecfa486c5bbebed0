package org.membergateway.policy;

import java.util.Objects;

/**
 * A scope with where it sits in the union: a local's region and employer group, which the engine
 * needs to know whether a director's region or a campaign's scope contains it. Services look the
 * placement up; the engine never does.
 *
 * @param type the scope type
 * @param id the local, region or employer-group id, or {@code ALL}
 * @param region the region the scope lies in: the local's region, the region itself; null otherwise
 * @param employerGroup the employer group it lies in: the local's group, the group itself; null otherwise
 */
public record PlacedScope(ScopeType type, String id, String region, String employerGroup) {

    public static final PlacedScope STATEWIDE = new PlacedScope(ScopeType.STATEWIDE, ScopeType.STATEWIDE_ID, null, null);

    public PlacedScope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        switch (type) {
            case LOCAL -> {
                Objects.requireNonNull(region, "a local's region");
                Objects.requireNonNull(employerGroup, "a local's employer group");
            }
            case REGION -> {
                if (!id.equals(region) || employerGroup != null) {
                    throw new IllegalArgumentException("a region scope lies in itself only");
                }
            }
            case EMPLOYER_GROUP -> {
                if (!id.equals(employerGroup) || region != null) {
                    throw new IllegalArgumentException("an employer-group scope lies in itself only");
                }
            }
            case STATEWIDE -> {
                if (!ScopeType.STATEWIDE_ID.equals(id) || region != null || employerGroup != null) {
                    throw new IllegalArgumentException("the statewide scope is ALL");
                }
            }
        }
    }

    public static PlacedScope local(String id, String region, String employerGroup) {
        return new PlacedScope(ScopeType.LOCAL, id, region, employerGroup);
    }

    public static PlacedScope region(String id) {
        return new PlacedScope(ScopeType.REGION, id, id, null);
    }

    public static PlacedScope employerGroup(String id) {
        return new PlacedScope(ScopeType.EMPLOYER_GROUP, id, null, id);
    }

    /** Whether every member in {@code inner} is also in this scope. */
    public boolean contains(PlacedScope inner) {
        return switch (type) {
            case STATEWIDE -> true;
            case REGION -> id.equals(inner.region) && inner.type != ScopeType.EMPLOYER_GROUP;
            case EMPLOYER_GROUP -> id.equals(inner.employerGroup) && inner.type != ScopeType.REGION;
            case LOCAL -> inner.type == ScopeType.LOCAL && id.equals(inner.id);
        };
    }

    /**
     * Whether the two scopes may share members. A region and an employer group are taken to
     * overlap: locals of a group lie in several regions, and the candidate rule must err on the
     * side of asking a person.
     */
    public boolean overlaps(PlacedScope other) {
        if (contains(other) || other.contains(this)) {
            return true;
        }
        return (type == ScopeType.REGION && other.type == ScopeType.EMPLOYER_GROUP)
                || (type == ScopeType.EMPLOYER_GROUP && other.type == ScopeType.REGION);
    }

    /** For messages: {@code local L083}, {@code region R3}, {@code employer group STATE}, {@code the whole union}. */
    public String describe() {
        return switch (type) {
            case LOCAL -> "local " + id;
            case REGION -> "region " + id;
            case EMPLOYER_GROUP -> "employer group " + id;
            case STATEWIDE -> "the whole union";
        };
    }
}
