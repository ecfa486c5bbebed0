package org.membergateway.directory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.auth.Role;

/**
 * Role grants (V15 role_grants): a person's roles with their terms, status and who granted,
 * confirmed or revoked them. Changes run on the directory's transaction handle, after {@link #lock}.
 */
public interface RoleGrantDao {

    /** A grant as stored. Times are UTC. */
    record Row(long id, long personId, String username, Role role, OffsetDateTime validFrom, OffsetDateTime validUntil,
               GrantStatus status, String grantedBy, OffsetDateTime grantedAt, String decidedBy,
               OffsetDateTime decidedAt, String decisionNote, String revokedBy, OffsetDateTime revokedAt,
               List<String> designationPurposes, List<String> designationScopes) {
    }

    String COLUMNS = """
            g.id, g.person_id, p.username, g.role, g.valid_from, g.valid_until, g.status, g.granted_by, g.granted_at,
            g.decided_by, g.decided_at, g.decision_note, g.revoked_by, g.revoked_at, g.designation_purposes,
            g.designation_scopes""";

    /**
     * Serializes every change of grants: the checks "is there a confirmer yet?", "does anyone else
     * hold this office then?" and the change they allow are one step across instances.
     */
    @SqlQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7315001500)) AS locked")
    int lock();

    @SqlQuery("""
            INSERT INTO role_grants (person_id, role, valid_from, valid_until, status, granted_by, granted_at,
                                     designation_purposes, designation_scopes)
            VALUES (:personId, :role, :from, :until, :status, :grantedBy, :now,
                    CAST(:purposes AS text[]), CAST(:scopes AS text[]))
            RETURNING id""")
    long insert(@Bind("personId") long personId, @Bind("role") Role role, @Bind("from") OffsetDateTime from,
                @Bind("until") OffsetDateTime until, @Bind("status") GrantStatus status,
                @Bind("grantedBy") String grantedBy, @Bind("now") OffsetDateTime now,
                @Bind("purposes") String[] purposes, @Bind("scopes") String[] scopes);

    @SqlQuery("SELECT " + COLUMNS + " FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.id = :id")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> grant(@Bind("id") long id);

    /** The grants of these people, every status, by person and then newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM role_grants g JOIN people p ON p.id = g.person_id"
            + " WHERE p.username = ANY(:usernames) ORDER BY p.username, g.role, g.id DESC")
    @RegisterConstructorMapper(Row.class)
    List<Row> grantsOf(@Bind("usernames") String[] usernames);

    /** Grants in this status, oldest first, at most {@code limit}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM role_grants g JOIN people p ON p.id = g.person_id"
            + " WHERE g.status = :status ORDER BY g.id LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> withStatus(@Bind("status") GrantStatus status, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM role_grants WHERE status = :status")
    long countWithStatus(@Bind("status") GrantStatus status);

    /** A person's ACTIVE grants, in effect now or not: sign-in evaluates their terms per request. */
    @SqlQuery("SELECT " + COLUMNS + " FROM role_grants g JOIN people p ON p.id = g.person_id"
            + " WHERE g.person_id = :personId AND g.status = 'ACTIVE' ORDER BY g.role, g.id")
    @RegisterConstructorMapper(Row.class)
    List<Row> activeOf(@Bind("personId") long personId);

    /** Whether anyone holds a confirming role (EXECUTIVE_DIRECTOR, STATEWIDE_PRESIDENT) in effect at {@code now}. */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM role_grants g JOIN people p ON p.id = g.person_id
                           WHERE g.role IN ('EXECUTIVE_DIRECTOR', 'STATEWIDE_PRESIDENT') AND g.status = 'ACTIVE'
                           AND NOT p.disabled AND g.valid_from <= :now AND (g.valid_until IS NULL OR g.valid_until > :now))""")
    boolean confirmerExists(@Bind("now") OffsetDateTime now);

    /** Whether anyone holds the role in effect at {@code now} (bootstrap: is there an ADMIN yet?). */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM role_grants g WHERE g.role = :role AND g.status = 'ACTIVE'
                           AND g.valid_from <= :now AND (g.valid_until IS NULL OR g.valid_until > :now))""")
    boolean anyoneHolds(@Bind("role") Role role, @Bind("now") OffsetDateTime now);

    /**
     * Grants of the role to people other than {@code personId}, ACTIVE or waiting for confirmation
     * ({@code includePending}), whose term overlaps [from, until) (until null: open-ended), and, if
     * {@code local} is not null, to people of that local: who else would hold a singleton office then.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM role_grants g JOIN people p ON p.id = g.person_id"
            + " WHERE g.role = :role AND g.person_id <> :personId"
            + " AND (g.status = 'ACTIVE' OR (:includePending AND g.status = 'PENDING_CONFIRMATION'))"
            + " AND (g.valid_until IS NULL OR g.valid_until > :from)"
            + " AND (CAST(:until AS timestamptz) IS NULL OR g.valid_from < :until)"
            + " AND (CAST(:local AS varchar) IS NULL OR EXISTS (SELECT 1 FROM person_locals l"
            + "      WHERE l.person_id = g.person_id AND l.local_id = :local))"
            + " ORDER BY g.id")
    @RegisterConstructorMapper(Row.class)
    List<Row> overlapping(@Bind("role") Role role, @Bind("personId") long personId, @Bind("from") OffsetDateTime from,
                          @Bind("until") OffsetDateTime until, @Bind("local") String local,
                          @Bind("includePending") boolean includePending);

    /** The person's live grants of the role (ACTIVE or pending, not yet ended at {@code now}). */
    @SqlQuery("SELECT " + COLUMNS + " FROM role_grants g JOIN people p ON p.id = g.person_id"
            + " WHERE g.person_id = :personId AND g.role = :role"
            + " AND g.status IN ('ACTIVE', 'PENDING_CONFIRMATION') AND (g.valid_until IS NULL OR g.valid_until > :now)"
            + " ORDER BY g.id")
    @RegisterConstructorMapper(Row.class)
    List<Row> live(@Bind("personId") long personId, @Bind("role") Role role, @Bind("now") OffsetDateTime now);

    /** @return 1 if the pending grant was decided now */
    @SqlUpdate("""
            UPDATE role_grants SET status = :status, decided_by = :by, decided_at = :now, decision_note = :note
            WHERE id = :id AND status = 'PENDING_CONFIRMATION'""")
    int decide(@Bind("id") long id, @Bind("status") GrantStatus status, @Bind("by") String by,
               @Bind("now") OffsetDateTime now, @Bind("note") String note);

    /** @return 1 if the grant was live and is revoked now */
    @SqlUpdate("""
            UPDATE role_grants SET status = 'REVOKED', revoked_by = :by, revoked_at = :now
            WHERE id = :id AND status IN ('ACTIVE', 'PENDING_CONFIRMATION')""")
    int revoke(@Bind("id") long id, @Bind("by") String by, @Bind("now") OffsetDateTime now);
}
