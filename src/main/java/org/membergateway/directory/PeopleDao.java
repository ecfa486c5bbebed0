package org.membergateway.directory;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * People with their scopes (V3__people_and_directory.sql: {@code people}, {@code person_locals}, {@code person_regions},
 * {@code person_employer_groups}). Sign-in reads accounts, stamps and grants on demand; the
 * directory's changes attach it to their transaction's handle, so the audit entry commits with them.
 */
public interface PeopleDao {

    /** A person as stored, for the directory API; roles and scope ids sorted. */
    record PersonRow(long id, String username, String displayName, String memberId, String openpgpFingerprint,
                     OffsetDateTime createdAt, boolean disabled, List<String> locals, List<String> regions,
                     List<String> employerGroups) {
        public PersonRow {
            locals = List.copyOf(locals);
            regions = List.copyOf(regions);
            employerGroups = List.copyOf(employerGroups);
        }

        /** Without the member link: log lines carry no member ids. */
        @Override
        public String toString() {
            return "PersonRow[" + username + "]";
        }
    }

    // ---- sign-in ---------------------------------------------------------------------------

    @SqlQuery("SELECT id, username, password_hash, security_stamp, disabled FROM people WHERE username = :username")
    @RegisterConstructorMapper(Account.class)
    Optional<Account> account(@Bind("username") String username);

    /** The person's current stamp; empty if the person no longer exists. One primary-key read. */
    @SqlQuery("SELECT security_stamp FROM people WHERE id = :id")
    Optional<Long> securityStamp(@Bind("id") long personId);

    /** Ends every cached sign-in of this person, on every instance. */
    @SqlUpdate("UPDATE people SET security_stamp = security_stamp + 1, updated_at = now() WHERE username = :username")
    void bumpSecurityStamp(@Bind("username") String username);

    /** A new hash of the same password (parameters changed): cached sign-ins stay valid. */
    @SqlUpdate("UPDATE people SET password_hash = :newHash WHERE id = :id AND password_hash = :oldHash")
    void rehash(@Bind("id") long personId, @Bind("oldHash") String oldHash, @Bind("newHash") String newHash);

    /** The person's scopes and member link, if they exist and are not disabled. */
    @SqlQuery("""
            SELECT p.username, p.display_name, p.member_id,
                   ARRAY(SELECT local_id FROM person_locals WHERE person_id = p.id) AS locals,
                   ARRAY(SELECT region_id FROM person_regions WHERE person_id = p.id) AS regions,
                   ARRAY(SELECT employer_group_id FROM person_employer_groups WHERE person_id = p.id) AS employer_groups
            FROM people p WHERE p.id = :id AND NOT p.disabled""")
    @RegisterConstructorMapper(Grantee.class)
    Optional<Grantee> grantee(@Bind("id") long personId);

    /** {@link #grantee} without the grants. */
    record Grantee(String username, String displayName, String memberId, Set<String> locals, Set<String> regions,
                   Set<String> employerGroups) {
        @Override
        public String toString() {
            return "Grantee[" + username + "]";
        }
    }

    /**
     * What a signed-in person is granted: their ACTIVE role grants with terms, scopes and member
     * link; empty if the person is gone or disabled. The terms are evaluated by the caller, at the
     * moment of the request.
     */
    @org.jdbi.v3.sqlobject.CreateSqlObject
    RoleGrantDao roleGrants();

    default Optional<PersonGrants> grants(long personId) {
        return grantee(personId).map(g -> new PersonGrants(g.username(), g.displayName(),
                roleGrants().activeOf(personId).stream().map(DirectoryService::term).toList(), g.locals(), g.regions(),
                g.employerGroups(), g.memberId()));
    }

    /** Ends the person's page sessions now (they would end at their next request anyway, as the stamp moved). */
    @SqlUpdate("DELETE FROM web_sessions WHERE person_id = :id")
    int endSessions(@Bind("id") long personId);

    @SqlQuery("SELECT local_id FROM person_locals WHERE person_id = :id ORDER BY 1")
    List<String> locals(@Bind("id") long personId);

    /** Withdraws the person's candidacy (kept on record). @return 1 if it was theirs and not withdrawn yet */
    @SqlUpdate("""
            UPDATE candidacies SET withdrawn_at = :now, withdrawn_by = :actor
            WHERE id = :id AND withdrawn_at IS NULL AND person_id = (SELECT id FROM people WHERE username = :username)""")
    int withdrawCandidacy(@Bind("username") String username, @Bind("id") long candidacyId,
                          @Bind("now") OffsetDateTime now, @Bind("actor") String actor);

    /** Disables or enables the person; either way cached sign-ins end. @return 1 if the person exists */
    @SqlUpdate("""
            UPDATE people SET disabled = :disabled, security_stamp = security_stamp + 1, updated_at = now()
            WHERE id = :id""")
    int setDisabled(@Bind("id") long personId, @Bind("disabled") boolean disabled);

    // ---- the directory ---------------------------------------------------------------------

    @SqlQuery("SELECT id FROM people WHERE username = :username")
    Optional<Long> id(@Bind("username") String username);

    /**
     * @return the new person's id; empty if the username is taken (no row comes back). A query rather
     *     than {@code @GetGeneratedKeys}, which in Jdbi 3.49 wraps an {@code Optional} result twice.
     */
    @SqlQuery("""
            INSERT INTO people (username, display_name, password_hash, member_id)
            VALUES (:username, :displayName, :passwordHash, :memberId) ON CONFLICT (username) DO NOTHING
            RETURNING id""")
    Optional<Long> insert(@Bind("username") String username, @Bind("displayName") String displayName,
                          @Bind("passwordHash") String passwordHash, @Bind("memberId") String memberId);

    /** Replaces the password (and the display name, if not null) and ends cached sign-ins. */
    @SqlUpdate("""
            UPDATE people SET password_hash = :passwordHash, display_name = coalesce(:displayName, display_name),
                   security_stamp = security_stamp + 1, updated_at = now() WHERE id = :id""")
    void resetPassword(@Bind("id") long personId, @Bind("displayName") String displayName,
                       @Bind("passwordHash") String passwordHash);

    @SqlUpdate("""
            UPDATE people SET openpgp_public_key = :armored, openpgp_fingerprint = :fingerprint, updated_at = now()
            WHERE id = :id""")
    void setOpenPgpKey(@Bind("id") long personId, @Bind("armored") String armored,
                       @Bind("fingerprint") String fingerprint);

    @SqlQuery("""
            SELECT p.id, p.username, p.display_name, p.member_id, p.openpgp_fingerprint, p.created_at, p.disabled,
                   ARRAY(SELECT local_id FROM person_locals WHERE person_id = p.id ORDER BY 1) AS locals,
                   ARRAY(SELECT region_id FROM person_regions WHERE person_id = p.id ORDER BY 1) AS regions,
                   ARRAY(SELECT employer_group_id FROM person_employer_groups
                         WHERE person_id = p.id ORDER BY 1) AS employer_groups
            FROM people p WHERE p.username = :username""")
    @RegisterConstructorMapper(PersonRow.class)
    Optional<PersonRow> person(@Bind("username") String username);

    /**
     * People by username, after {@code after} (null: from the first), at most {@code limit}: the
     * administrators' list, paged by username so a page is one index range whatever the directory's size.
     */
    @SqlQuery("""
            SELECT p.id, p.username, p.display_name, p.member_id, p.openpgp_fingerprint, p.created_at, p.disabled,
                   ARRAY(SELECT local_id FROM person_locals WHERE person_id = p.id ORDER BY 1) AS locals,
                   ARRAY(SELECT region_id FROM person_regions WHERE person_id = p.id ORDER BY 1) AS regions,
                   ARRAY(SELECT employer_group_id FROM person_employer_groups
                         WHERE person_id = p.id ORDER BY 1) AS employer_groups
            FROM people p WHERE :after IS NULL OR p.username > :after ORDER BY p.username LIMIT :limit""")
    @RegisterConstructorMapper(PersonRow.class)
    List<PersonRow> people(@Bind("after") String after, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM people")
    long count();

    /** The person's display name; empty if there is no such person. */
    @SqlQuery("SELECT display_name FROM people WHERE username = :username")
    Optional<String> displayName(@Bind("username") String username);

    // ---- roles and scopes ------------------------------------------------------------------

    /** Replaces the person's scopes; the caller bumps the stamp. Roles are grants ({@link RoleGrantDao}). */
    default void replaceScopes(long personId, Collection<String> locals, Collection<String> regions,
                               Collection<String> employerGroups) {
        deleteLocals(personId);
        deleteRegions(personId);
        deleteEmployerGroups(personId);
        addLocals(personId, locals);
        addRegions(personId, regions);
        addEmployerGroups(personId, employerGroups);
    }

    @SqlUpdate("DELETE FROM person_locals WHERE person_id = :personId")
    void deleteLocals(@Bind("personId") long personId);

    @SqlUpdate("DELETE FROM person_regions WHERE person_id = :personId")
    void deleteRegions(@Bind("personId") long personId);

    @SqlUpdate("DELETE FROM person_employer_groups WHERE person_id = :personId")
    void deleteEmployerGroups(@Bind("personId") long personId);

    @SqlBatch("INSERT INTO person_locals (person_id, local_id) VALUES (:personId, :id)")
    void addLocals(@Bind("personId") long personId, @Bind("id") Collection<String> locals);

    @SqlBatch("INSERT INTO person_regions (person_id, region_id) VALUES (:personId, :id)")
    void addRegions(@Bind("personId") long personId, @Bind("id") Collection<String> regions);

    @SqlBatch("INSERT INTO person_employer_groups (person_id, employer_group_id) VALUES (:personId, :id)")
    void addEmployerGroups(@Bind("personId") long personId, @Bind("id") Collection<String> employerGroups);
}
