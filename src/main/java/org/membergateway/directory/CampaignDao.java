package org.membergateway.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/**
 * Candidacies and campaigns (V3__people_and_directory.sql): as the directory API shows them, and
 * as the policy decides on them ({@link DirectoryPolicyFacts}). Withdrawn candidacies (V15) are
 * left out of both: they stay on record only.
 */
public interface CampaignDao {

    /** A candidacy as stored: its electorate is placed by {@link DirectoryPolicyFacts}. */
    record CandidacyRow(Office office, ScopeType scopeType, String scopeId, String electionId) {
    }

    /** A campaign as stored. */
    record CampaignRow(long id, CampaignKind kind, ScopeType scopeType, String scopeId, LocalDate startsOn,
                       LocalDate endsOn) {
    }

    // ---- candidacies -----------------------------------------------------------------------

    /**
     * @return the new candidacy's id; empty if the person already declared exactly this candidacy (a
     *     query for the same reason as {@link PeopleDao#insert})
     */
    @SqlQuery("""
            INSERT INTO candidacies (person_id, office, scope_type, scope_id, election_id, declared_by)
            VALUES (:personId, :office, :scopeType, :scopeId, :electionId, :declaredBy)
            ON CONFLICT (person_id, office, scope_type, scope_id, election_id) DO NOTHING
            RETURNING id""")
    Optional<Long> insertCandidacy(@Bind("personId") long personId, @Bind("office") Office office,
                                   @Bind("scopeType") ScopeType scopeType, @Bind("scopeId") String scopeId,
                                   @Bind("electionId") String electionId, @Bind("declaredBy") String declaredBy);

    @SqlQuery("""
            SELECT c.id, p.username, c.office, c.scope_type, c.scope_id, c.election_id, c.declared_at
            FROM candidacies c JOIN people p ON p.id = c.person_id WHERE c.id = :id""")
    @RegisterConstructorMapper(CandidacyView.class)
    Optional<CandidacyView> candidacy(@Bind("id") long id);

    /** The person's candidacies in the order they were declared. */
    @SqlQuery("""
            SELECT c.id, p.username, c.office, c.scope_type, c.scope_id, c.election_id, c.declared_at
            FROM candidacies c JOIN people p ON p.id = c.person_id
            WHERE p.username = :username AND c.withdrawn_at IS NULL ORDER BY c.id""")
    @RegisterConstructorMapper(CandidacyView.class)
    List<CandidacyView> candidacies(@Bind("username") String username);

    /** The candidacies of these people, by person and then in the order they were declared. */
    @SqlQuery("""
            SELECT c.id, p.username, c.office, c.scope_type, c.scope_id, c.election_id, c.declared_at
            FROM candidacies c JOIN people p ON p.id = c.person_id
            WHERE p.username = ANY(:usernames) AND c.withdrawn_at IS NULL ORDER BY p.username, c.id""")
    @RegisterConstructorMapper(CandidacyView.class)
    List<CandidacyView> candidaciesOf(@Bind("usernames") String[] usernames);

    /** The same candidacies as the policy sees them. */
    @SqlQuery("""
            SELECT c.office, c.scope_type, c.scope_id, c.election_id
            FROM candidacies c JOIN people p ON p.id = c.person_id
            WHERE p.username = :username AND c.withdrawn_at IS NULL ORDER BY c.id""")
    @RegisterConstructorMapper(CandidacyRow.class)
    List<CandidacyRow> candidacyRows(@Bind("username") String username);

    // ---- campaigns -------------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO campaigns (name, kind, scope_type, scope_id, starts_on, ends_on, owner_id)
            VALUES (:name, :kind, :scopeType, :scopeId, :startsOn, :endsOn, :ownerId)""")
    @GetGeneratedKeys("id")
    long insertCampaign(@Bind("name") String name, @Bind("kind") CampaignKind kind,
                        @Bind("scopeType") ScopeType scopeType, @Bind("scopeId") String scopeId,
                        @Bind("startsOn") LocalDate startsOn, @Bind("endsOn") LocalDate endsOn,
                        @Bind("ownerId") long ownerId);

    @SqlQuery("""
            SELECT c.id, c.name, c.kind, c.scope_type, c.scope_id, c.starts_on, c.ends_on, p.username AS owner,
                   c.created_at
            FROM campaigns c JOIN people p ON p.id = c.owner_id WHERE c.id = :id""")
    @RegisterConstructorMapper(CampaignView.class)
    Optional<CampaignView> campaign(@Bind("id") long id);

    /** Campaigns running on {@code day} (first and last days included, as the policy counts them), newest first. */
    @SqlQuery("""
            SELECT c.id, c.name, c.kind, c.scope_type, c.scope_id, c.starts_on, c.ends_on, p.username AS owner,
                   c.created_at
            FROM campaigns c JOIN people p ON p.id = c.owner_id
            WHERE c.starts_on <= :day AND c.ends_on >= :day
            ORDER BY c.id DESC LIMIT :limit""")
    @RegisterConstructorMapper(CampaignView.class)
    List<CampaignView> activeOn(@Bind("day") LocalDate day, @Bind("limit") int limit);

    /** The campaign as the policy sees it. */
    @SqlQuery("SELECT id, kind, scope_type, scope_id, starts_on, ends_on FROM campaigns WHERE id = :id")
    @RegisterConstructorMapper(CampaignRow.class)
    Optional<CampaignRow> campaignRow(@Bind("id") long id);
}
