package org.membergateway.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.Role;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/** SQL for the directory (V3__people_and_directory.sql). Methods taking a Handle run in the caller's transaction. */
public final class DirectoryStore {

    private final Jdbi jdbi;

    public DirectoryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    // ---- sign-in ---------------------------------------------------------------------------

    public Optional<Account> findAccount(String username) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, username, password_hash, security_stamp FROM people WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .findOne());
    }

    /** The person's current stamp; empty if the person no longer exists. One primary-key read. */
    public OptionalLong securityStamp(long personId) {
        Optional<Long> stamp = jdbi.withHandle(h -> h.createQuery("SELECT security_stamp FROM people WHERE id = :id")
                .bind("id", personId).mapTo(Long.class).findOne());
        return stamp.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** Ends every cached sign-in of this person, on every instance. */
    public void bumpSecurityStamp(Handle h, String username) {
        h.createUpdate("UPDATE people SET security_stamp = security_stamp + 1, updated_at = now() WHERE username = :u")
                .bind("u", username).execute();
    }

    public void bumpSecurityStamp(String username) {
        jdbi.useHandle(h -> bumpSecurityStamp(h, username));
    }

    /** A new hash of the same password (parameters changed): cached sign-ins stay valid. */
    public void rehash(long personId, String oldHash, String newHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE people SET password_hash = :n WHERE id = :id AND password_hash = :o")
                .bind("n", newHash).bind("id", personId).bind("o", oldHash).execute());
    }

    /** What a signed-in person is granted: roles, scopes and member link, read in one round trip. */
    public PersonGrants grants(long personId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.username, p.display_name, p.member_id,
                               ARRAY(SELECT role FROM person_roles WHERE person_id = p.id) AS roles,
                               ARRAY(SELECT local_id FROM person_locals WHERE person_id = p.id) AS locals,
                               ARRAY(SELECT region_id FROM person_regions WHERE person_id = p.id) AS regions,
                               ARRAY(SELECT employer_group_id FROM person_employer_groups WHERE person_id = p.id) AS groups
                        FROM people p WHERE p.id = :id""")
                .bind("id", personId)
                .map((rs, ctx) -> new PersonGrants(rs.getString("username"), rs.getString("display_name"),
                        roles(strings(rs.getArray("roles"))), Set.copyOf(strings(rs.getArray("locals"))),
                        Set.copyOf(strings(rs.getArray("regions"))), Set.copyOf(strings(rs.getArray("groups"))),
                        rs.getString("member_id")))
                .one());
    }

    // ---- vendors ---------------------------------------------------------------------------

    public record VendorRecord(long id, String name, boolean active, byte[] apiKeyDigest) {
        @Override
        public String toString() {
            return "Vendor[" + id + "]";
        }
    }

    public Optional<VendorRecord> findVendorByKeyDigest(byte[] digest) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, name, active, api_key_digest FROM vendors WHERE api_key_digest = :d")
                .bind("d", digest)
                .map((rs, ctx) -> new VendorRecord(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBytes(4)))
                .findOne());
    }

    /** Stores the digest of a vendor's new key; the old key stops working at once. */
    public boolean setVendorKeyDigest(Handle h, long vendorId, byte[] digest) {
        return h.createUpdate("UPDATE vendors SET api_key_digest = :d, key_issued_at = now() WHERE id = :id")
                .bind("d", digest).bind("id", vendorId).execute() == 1;
    }

    // ---- people ----------------------------------------------------------------------------

    public boolean exists(Handle h, ScopeType type, String id) {
        String table = switch (type) {
            case LOCAL -> "locals";
            case REGION -> "regions";
            case EMPLOYER_GROUP -> "employer_groups";
            case STATEWIDE -> null;
        };
        if (table == null) {
            return ScopeType.STATEWIDE_ID.equals(id);
        }
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = :id)")
                .bind("id", id).mapTo(Boolean.class).one();
    }

    public boolean memberExists(Handle h, String memberId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM members WHERE member_id = :id)")
                .bind("id", memberId).mapTo(Boolean.class).one();
    }

    public Optional<Long> personId(Handle h, String username) {
        return h.createQuery("SELECT id FROM people WHERE username = :u").bind("u", username)
                .mapTo(Long.class).findOne();
    }

    public long insertPerson(Handle h, String username, String displayName, String passwordHash, String memberId) {
        return h.createUpdate("""
                        INSERT INTO people (username, display_name, password_hash, member_id)
                        VALUES (:u, :d, :p, :m) ON CONFLICT (username) DO NOTHING""")
                .bind("u", username).bind("d", displayName).bind("p", passwordHash).bind("m", memberId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne().orElse(-1L);
    }

    /** Replaces the password (and the display name, if given) and ends cached sign-ins. */
    public void resetPassword(Handle h, long personId, String displayName, String passwordHash) {
        h.createUpdate("""
                        UPDATE people SET password_hash = :p, display_name = coalesce(:d, display_name),
                               security_stamp = security_stamp + 1, updated_at = now() WHERE id = :id""")
                .bind("p", passwordHash).bind("d", displayName).bind("id", personId).execute();
    }

    /** Replaces the person's roles and scopes; the caller bumps the stamp. */
    public void replaceRolesAndScopes(Handle h, long personId, Set<Role> roles, Collection<String> locals,
                                      Collection<String> regions, Collection<String> employerGroups) {
        h.execute("DELETE FROM person_roles WHERE person_id = ?", personId);
        h.execute("DELETE FROM person_locals WHERE person_id = ?", personId);
        h.execute("DELETE FROM person_regions WHERE person_id = ?", personId);
        h.execute("DELETE FROM person_employer_groups WHERE person_id = ?", personId);
        for (Role role : roles) {
            h.execute("INSERT INTO person_roles (person_id, role) VALUES (?, ?)", personId, role.name());
        }
        for (String local : locals) {
            h.execute("INSERT INTO person_locals (person_id, local_id) VALUES (?, ?)", personId, local);
        }
        for (String region : regions) {
            h.execute("INSERT INTO person_regions (person_id, region_id) VALUES (?, ?)", personId, region);
        }
        for (String group : employerGroups) {
            h.execute("INSERT INTO person_employer_groups (person_id, employer_group_id) VALUES (?, ?)", personId, group);
        }
    }

    public void setOpenPgpKey(Handle h, long personId, String armored, String fingerprint) {
        h.createUpdate("""
                        UPDATE people SET openpgp_public_key = :k, openpgp_fingerprint = :f, updated_at = now()
                        WHERE id = :id""")
                .bind("k", armored).bind("f", fingerprint).bind("id", personId).execute();
    }

    public boolean anyPersonWithRole(Role role) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM person_roles WHERE role = :r)")
                .bind("r", role.name()).mapTo(Boolean.class).one());
    }

    public Optional<PersonView> person(String username) {
        return jdbi.withHandle(h -> {
            Optional<PersonView> person = h.createQuery("""
                            SELECT p.id, p.username, p.display_name, p.member_id, p.openpgp_fingerprint, p.created_at,
                                   ARRAY(SELECT role FROM person_roles WHERE person_id = p.id ORDER BY role) AS roles,
                                   ARRAY(SELECT local_id FROM person_locals WHERE person_id = p.id ORDER BY 1) AS locals,
                                   ARRAY(SELECT region_id FROM person_regions WHERE person_id = p.id ORDER BY 1) AS regions,
                                   ARRAY(SELECT employer_group_id FROM person_employer_groups
                                         WHERE person_id = p.id ORDER BY 1) AS groups
                            FROM people p WHERE p.username = :u""")
                    .bind("u", username)
                    .map((rs, ctx) -> new PersonView(rs.getString("username"), rs.getString("display_name"),
                            List.copyOf(roles(strings(rs.getArray("roles")))), strings(rs.getArray("locals")),
                            strings(rs.getArray("regions")), strings(rs.getArray("groups")),
                            rs.getString("member_id"), rs.getString("openpgp_fingerprint"),
                            List.of(), rs.getObject("created_at", OffsetDateTime.class)))
                    .findOne();
            return person.map(p -> p.withCandidacies(candidacies(h, p.username())));
        });
    }

    // ---- candidacies -----------------------------------------------------------------------

    public Optional<Long> insertCandidacy(Handle h, long personId, Office office, ScopeType scopeType, String scopeId,
                                          String electionId, String declaredBy) {
        return h.createUpdate("""
                        INSERT INTO candidacies (person_id, office, scope_type, scope_id, election_id, declared_by)
                        VALUES (:p, :o, :t, :s, :e, :by)
                        ON CONFLICT (person_id, office, scope_type, scope_id, election_id) DO NOTHING""")
                .bind("p", personId).bind("o", office.name()).bind("t", scopeType.name()).bind("s", scopeId)
                .bind("e", electionId).bind("by", declaredBy)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne();
    }

    public List<CandidacyView> candidacies(Handle h, String username) {
        return h.createQuery("""
                        SELECT c.id, c.office, c.scope_type, c.scope_id, c.election_id, c.declared_at
                        FROM candidacies c JOIN people p ON p.id = c.person_id
                        WHERE p.username = :u ORDER BY c.id""")
                .bind("u", username)
                .map((rs, ctx) -> new CandidacyView(rs.getLong("id"), username, rs.getString("office"),
                        rs.getString("scope_type"), rs.getString("scope_id"), rs.getString("election_id"),
                        rs.getObject("declared_at", OffsetDateTime.class)))
                .list();
    }

    public CandidacyView candidacy(Handle h, long id) {
        return h.createQuery("""
                        SELECT c.id, p.username, c.office, c.scope_type, c.scope_id, c.election_id, c.declared_at
                        FROM candidacies c JOIN people p ON p.id = c.person_id WHERE c.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new CandidacyView(rs.getLong("id"), rs.getString("username"), rs.getString("office"),
                        rs.getString("scope_type"), rs.getString("scope_id"), rs.getString("election_id"),
                        rs.getObject("declared_at", OffsetDateTime.class)))
                .one();
    }

    // ---- campaigns -------------------------------------------------------------------------

    public long insertCampaign(Handle h, String name, CampaignKind kind, ScopeType scopeType, String scopeId,
                               LocalDate startsOn, LocalDate endsOn, long ownerId) {
        return h.createUpdate("""
                        INSERT INTO campaigns (name, kind, scope_type, scope_id, starts_on, ends_on, owner_id)
                        VALUES (:n, :k, :t, :s, :from, :to, :o)""")
                .bind("n", name).bind("k", kind.name()).bind("t", scopeType.name()).bind("s", scopeId)
                .bind("from", startsOn).bind("to", endsOn).bind("o", ownerId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<CampaignView> campaign(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.id, c.name, c.kind, c.scope_type, c.scope_id, c.starts_on, c.ends_on, p.username,
                               c.created_at
                        FROM campaigns c JOIN people p ON p.id = c.owner_id WHERE c.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new CampaignView(rs.getLong("id"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("scope_type"), rs.getString("scope_id"),
                        rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        rs.getString("username"), rs.getObject("created_at", OffsetDateTime.class)))
                .findOne());
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        return List.of((String[]) array.getArray());
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            Role.parse(name).ifPresent(roles::add);
        }
        return roles;
    }
}
