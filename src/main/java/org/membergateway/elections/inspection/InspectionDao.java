package org.membergateway.elections.inspection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.membergateway.policy.ScopeType;

/**
 * List inspections (V24) and the electorate they show. The electorate is an election's members
 * (membership_status MEMBER) in its scope, the same columns the member selection uses for scopes;
 * one fixed query per scope type keeps every value a bound parameter and each query on its index.
 */
@RegisterConstructorMapper(Inspection.class)
@RegisterConstructorMapper(InspectedMember.class)
public interface InspectionDao {

    /** The person behind a signed-in username; empty if there is none. */
    @SqlQuery("SELECT id FROM people WHERE username = :username")
    Optional<Long> personId(@Bind("username") String username);

    /** Whether the person holds a candidacy for that election that has not been withdrawn. */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM candidacies
                           WHERE person_id = :person AND election_id = :election AND withdrawn_at IS NULL)""")
    boolean isCandidate(@Bind("person") long personId, @Bind("election") String electionId);

    @SqlQuery("""
            SELECT id, election_id, person_id, opened_at, expires_at FROM election_inspections
            WHERE election_id = :election AND person_id = :person""")
    Optional<Inspection> findFor(@Bind("election") String electionId, @Bind("person") long personId);

    @SqlQuery("SELECT id, election_id, person_id, opened_at, expires_at FROM election_inspections WHERE id = :id")
    Optional<Inspection> find(@Bind("id") long id);

    /**
     * Opens the person's inspection of the election; empty when they already have one, which two
     * requests racing each other cannot get round (UNIQUE (election_id, person_id)).
     */
    @SqlQuery("""
            INSERT INTO election_inspections (election_id, person_id, opened_at, expires_at)
            VALUES (:election, :person, :openedAt, :expiresAt)
            ON CONFLICT (election_id, person_id) DO NOTHING
            RETURNING id""")
    Optional<Long> open(@Bind("election") String electionId, @Bind("person") long personId,
                        @Bind("openedAt") OffsetDateTime openedAt, @Bind("expiresAt") OffsetDateTime expiresAt);

    // ---- the electorate ----------------------------------------------------------------------

    String MEMBER_COLUMNS = "SELECT first_name, last_name, home_street, home_city, home_state, home_zip FROM members ";
    /** Stable across pages: member_id breaks ties between namesakes. */
    String ORDER = " ORDER BY last_name, first_name, member_id LIMIT :limit OFFSET :offset";

    @SqlQuery("SELECT count(*) FROM members WHERE membership_status = 'MEMBER' AND local_id = :id")
    long countLocal(@Bind("id") String localId);

    @SqlQuery("SELECT count(*) FROM members WHERE membership_status = 'MEMBER' AND region = :id")
    long countRegion(@Bind("id") String regionId);

    @SqlQuery("SELECT count(*) FROM members WHERE membership_status = 'MEMBER' AND employer_group = :id")
    long countEmployerGroup(@Bind("id") String employerGroupId);

    @SqlQuery("SELECT count(*) FROM members WHERE membership_status = 'MEMBER'")
    long countStatewide();

    @SqlQuery(MEMBER_COLUMNS + "WHERE membership_status = 'MEMBER' AND local_id = :id" + ORDER)
    List<InspectedMember> pageLocal(@Bind("id") String localId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery(MEMBER_COLUMNS + "WHERE membership_status = 'MEMBER' AND region = :id" + ORDER)
    List<InspectedMember> pageRegion(@Bind("id") String regionId, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery(MEMBER_COLUMNS + "WHERE membership_status = 'MEMBER' AND employer_group = :id" + ORDER)
    List<InspectedMember> pageEmployerGroup(@Bind("id") String employerGroupId, @Bind("limit") int limit,
                                            @Bind("offset") long offset);

    @SqlQuery(MEMBER_COLUMNS + "WHERE membership_status = 'MEMBER'" + ORDER)
    List<InspectedMember> pageStatewide(@Bind("limit") int limit, @Bind("offset") long offset);

    /** How many members the election's electorate holds. */
    default long countElectorate(ScopeType type, String id) {
        return switch (type) {
            case LOCAL -> countLocal(id);
            case REGION -> countRegion(id);
            case EMPLOYER_GROUP -> countEmployerGroup(id);
            case STATEWIDE -> countStatewide();
        };
    }

    /** Members {@code offset} to {@code offset + limit} of the electorate, in the stable order. */
    default List<InspectedMember> electorate(ScopeType type, String id, int limit, long offset) {
        return switch (type) {
            case LOCAL -> pageLocal(id, limit, offset);
            case REGION -> pageRegion(id, limit, offset);
            case EMPLOYER_GROUP -> pageEmployerGroup(id, limit, offset);
            case STATEWIDE -> pageStatewide(limit, offset);
        };
    }
}
