package org.membergateway.testing;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.members.MembershipStatus;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/**
 * The union a test needs, written straight into its database: regions, employer groups, locals,
 * members, and people with their roles and scopes (returned as the {@link Requester} they sign in
 * as). One place for the set-up INSERTs that tests used to copy, in the style of pay-ledger's
 * fixtures: say what the test needs, not how the tables hold it.
 *
 * <p>People get a placeholder Argon2id hash and cannot sign in over HTTP; tests that need that
 * create them through the API ({@link TestPeople}).
 */
public final class UnionFixture {

    private static final String NO_PASSWORD = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private final Jdbi jdbi;

    private UnionFixture(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @param jdbi connected as the schema owner or a superuser (the application role may not write every table) */
    public static UnionFixture in(Jdbi jdbi) {
        return new UnionFixture(jdbi);
    }

    /** A local in its region and employer group, creating those when new. */
    public UnionFixture local(String local, String region, String employerGroup) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO regions (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", region, "Region " + region);
            h.execute("INSERT INTO employer_groups (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", employerGroup,
                    "Group " + employerGroup);
            h.execute("INSERT INTO locals (id, name, region_id, employer_group_id) VALUES (?, ?, ?, ?)", local,
                    "Local " + local, region, employerGroup);
        });
        return this;
    }

    /**
     * {@code count} members of {@code local} with this status, ids {@code <prefix>0001}..., each
     * with a name, a home email and a birth date (distinct per member, so a test can tell rows apart).
     */
    public UnionFixture members(String local, String idPrefix, int count, MembershipStatus status) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group,
                                             membership_status, home_email, birth_date)
                        SELECT :prefix || lpad(i::text, 4, '0'), 'First' || i, 'Last' || i, l.id, l.region_id,
                               l.employer_group_id, :status, lower(:prefix) || i || '@example.org', DATE '1980-01-01' + i
                        FROM generate_series(1, :count) AS i, locals l WHERE l.id = :local""")
                .bind("prefix", idPrefix).bind("status", status.name()).bind("count", count).bind("local", local)
                .execute());
        return this;
    }

    /** One member of {@code local} with only the required columns. */
    public UnionFixture member(String memberId, String local) {
        jdbi.useHandle(h -> h.execute("""
                        INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group,
                                             membership_status)
                        SELECT ?, 'Test', 'Member', id, region_id, employer_group_id, 'MEMBER' FROM locals WHERE id = ?""",
                memberId, local));
        return this;
    }

    /** A person with these roles over these locals (and the locals' regions and groups for directors). */
    public Requester person(String username, Role role, String... locals) {
        return person(username, Set.of(role), Set.of(locals), Set.of(), Set.of());
    }

    public Requester director(String username, String region) {
        return person(username, Set.of(Role.DIRECTOR), Set.of(), Set.of(region), Set.of());
    }

    public Requester person(String username, Set<Role> roles, Set<String> locals, Set<String> regions,
                            Set<String> employerGroups) {
        jdbi.useHandle(h -> {
            long id = h.createQuery("INSERT INTO people (username, display_name, password_hash) VALUES (?, ?, ?) RETURNING id")
                    .bind(0, username).bind(1, "Test " + username).bind(2, NO_PASSWORD).mapTo(Long.class).one();
            // ACTIVE without end, from long ago (tests move their clocks); a DESIGNEE designated for
            // everything statewide until far ahead, as the two-person rule would have confirmed it.
            boolean grants = h.createQuery("SELECT to_regclass('role_grants') IS NOT NULL").mapTo(Boolean.class).one();
            if (!grants) {
                // A schema before V15 (tests of upgrades): roles were plain rows, which V15 turns into grants.
                roles.forEach(role -> h.execute("INSERT INTO person_roles (person_id, role) VALUES (?, ?)", id, role.name()));
            }
            (grants ? roles : Set.<Role>of()).forEach(role -> h.execute("""
                    INSERT INTO role_grants (person_id, role, valid_from, valid_until, status, granted_by, granted_at,
                                             designation_purposes, designation_scopes)
                    VALUES (?, ?, '2000-01-01T00:00:00Z', CASE WHEN ? THEN TIMESTAMPTZ '2100-01-01T00:00:00Z' END,
                            'ACTIVE', 'fixture', '2000-01-01T00:00:00Z',
                            CASE WHEN ? THEN ARRAY['LOCAL_COMMUNICATION', 'CAMPAIGN_OUTREACH', 'LEADERSHIP_CONTACTS',
                                 'WORKSITE_LEADERS', 'VOTING_DATA', 'OFFICIAL_ELECTION_NOTICE', 'VENDOR_SERVICE',
                                 'OFFICER_ELECTION', 'CANDIDATE_PROMOTION'] END,
                            CASE WHEN ? THEN ARRAY['STATEWIDE:ALL'] END)""",
                    id, role.name(), role == Role.DESIGNEE, role == Role.DESIGNEE, role == Role.DESIGNEE));
            locals.forEach(local -> h.execute("INSERT INTO person_locals (person_id, local_id) VALUES (?, ?)", id, local));
            regions.forEach(region -> h.execute("INSERT INTO person_regions (person_id, region_id) VALUES (?, ?)", id, region));
            employerGroups.forEach(group -> h.execute(
                    "INSERT INTO person_employer_groups (person_id, employer_group_id) VALUES (?, ?)", id, group));
        });
        return Requester.person(username, "Test " + username, roles, locals, regions, employerGroups, null);
    }

    /** The person declares a candidacy (as the directory would record it). */
    public UnionFixture candidacy(String username, Office office, ScopeType scopeType, String scopeId, String electionId) {
        TestElections.forCandidacy(jdbi, electionId, office, scopeType, scopeId);
        jdbi.useHandle(h -> h.execute("""
                        INSERT INTO candidacies (person_id, office, scope_type, scope_id, election_id, declared_by)
                        SELECT id, ?, ?, ?, ?, 'fixture' FROM people WHERE username = ?""",
                office.name(), scopeType.name(), scopeId, electionId, username));
        return this;
    }

    /**
     * An approved (ACTIVE) campaign owned, entered and approved by {@code owner}, without targets
     * (as if approved by the appropriate officer; the approval workflow has its own tests); returns its id.
     */
    public long campaign(String owner, CampaignKind kind, ScopeType scopeType, String scopeId, LocalDate startsOn,
                         LocalDate endsOn) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO campaigns (name, kind, scope_type, scope_id, starts_on, ends_on, owner_id, created_by_id,
                                               status, approved_by_id, approved_at, target_classifications)
                        SELECT ?, ?, ?, ?, ?, ?, id, id, 'ACTIVE', id, now(),
                               CASE WHEN ? = 'SELECTIVE_CLASSIFICATION' THEN ARRAY['Office Specialist 2']::varchar(120)[]
                                    ELSE '{}' END
                        FROM people WHERE username = ? RETURNING id""")
                .bind(0, "Campaign " + Arrays.asList(kind, scopeId)).bind(1, kind.name()).bind(2, scopeType.name())
                .bind(3, scopeId).bind(4, startsOn).bind(5, endsOn).bind(6, kind.name()).bind(7, owner).mapTo(Long.class).one());
    }
}
