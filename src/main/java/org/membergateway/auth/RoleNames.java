package org.membergateway.auth;


/**
 * Role names as compile-time constants, for {@code @RolesAllowed} on resources. One per
 * {@link org.membergateway.auth.Role}, plus two that describe the kind of caller:
 * {@link #PERSON} (any signed-in person, whatever their roles) and {@link #VENDOR} (a vendor's
 * API key). A resource method without {@code @RolesAllowed}, {@code @PermitAll} or
 * {@code @AdminOnly} is denied to everyone (see {@code signin.AccessControlFeature}).
 */
public final class RoleNames {
    public static final String ADMIN = "ADMIN";
    public static final String AUDITOR = "AUDITOR";
    public static final String STAFF = "STAFF";
    public static final String EXECUTIVE_DIRECTOR = "EXECUTIVE_DIRECTOR";
    public static final String DESIGNEE = "DESIGNEE";
    public static final String STATEWIDE_PRESIDENT = "STATEWIDE_PRESIDENT";
    public static final String STATEWIDE_OFFICER = "STATEWIDE_OFFICER";
    public static final String DIRECTOR = "DIRECTOR";
    public static final String LOCAL_PRESIDENT = "LOCAL_PRESIDENT";
    public static final String LOCAL_OFFICER = "LOCAL_OFFICER";
    public static final String COMMITTEE_CHAIR = "COMMITTEE_CHAIR";
    public static final String STEWARD = "STEWARD";
    public static final String MEMBER = "MEMBER";
    public static final String ELECTION_COMMITTEE = "ELECTION_COMMITTEE";

    /** Any authenticated person, whatever their roles. Vendors never have it. */
    public static final String PERSON = "PERSON";
    /** A vendor authenticated by its API key. People never have it. */
    public static final String VENDOR = "VENDOR";

    private RoleNames() {
    }
}
