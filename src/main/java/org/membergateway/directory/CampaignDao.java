package org.membergateway.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.CampaignStatus;
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

    /** A campaign as the policy sees it. */
    record CampaignRow(long id, CampaignKind kind, ScopeType scopeType, String scopeId, LocalDate startsOn,
                       LocalDate endsOn, CampaignStatus status, String[] targetClassifications,
                       String[] targetWorksites, String[] targetAudiences) {
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

    /**
     * The candidacies the policy counts on {@code today}: a candidacy ends with its election (the
     * day after election day). One naming no election on record (declared before elections had a
     * table, V23 leaves those unchecked) still counts: err towards asking a person.
     */
    @SqlQuery("""
            SELECT c.office, c.scope_type, c.scope_id, c.election_id
            FROM candidacies c JOIN people p ON p.id = c.person_id LEFT JOIN elections e ON e.id = c.election_id
            WHERE p.username = :username AND c.withdrawn_at IS NULL AND (e.id IS NULL OR e.election_day >= :today)
            ORDER BY c.id""")
    @RegisterConstructorMapper(CandidacyRow.class)
    List<CandidacyRow> candidacyRows(@Bind("username") String username, @Bind("today") java.time.LocalDate today);

    // ---- campaigns -------------------------------------------------------------------------

    /** The columns of a {@link CampaignView}, with {@code c} the campaign. */
    String VIEW = """
            SELECT c.id, c.name, c.kind, c.scope_type, c.scope_id, c.starts_on, c.ends_on, o.username AS owner,
                   c.created_at, c.status, cb.username AS created_by, ab.username AS approved_by, c.approved_at,
                   c.approval_note, eb.username AS ended_by, c.ended_at, c.target_classifications,
                   c.target_worksites, c.target_audiences
            FROM campaigns c JOIN people o ON o.id = c.owner_id JOIN people cb ON cb.id = c.created_by_id
                 LEFT JOIN people ab ON ab.id = c.approved_by_id LEFT JOIN people eb ON eb.id = c.ended_by_id
            """;

    /**
     * A campaign waiting for approval, with no targets, entered by its owner (kept for callers that
     * predate approval; the service uses {@link #insertCampaign(NewCampaignRow)}).
     */
    @SqlUpdate("""
            INSERT INTO campaigns (name, kind, scope_type, scope_id, starts_on, ends_on, owner_id, created_by_id)
            VALUES (:name, :kind, :scopeType, :scopeId, :startsOn, :endsOn, :ownerId, :ownerId)""")
    @GetGeneratedKeys("id")
    long insertCampaign(@Bind("name") String name, @Bind("kind") CampaignKind kind,
                        @Bind("scopeType") ScopeType scopeType, @Bind("scopeId") String scopeId,
                        @Bind("startsOn") LocalDate startsOn, @Bind("endsOn") LocalDate endsOn,
                        @Bind("ownerId") long ownerId);

    /** A validated new campaign: {@code approvedById} only when it is active at creation. */
    record NewCampaignRow(String name, CampaignKind kind, ScopeType scopeType, String scopeId, LocalDate startsOn,
                          LocalDate endsOn, long ownerId, long createdById, CampaignStatus status, Long approvedById,
                          String approvalNote, String[] classifications, String[] worksites, String[] audiences) {
    }

    @SqlUpdate("""
            INSERT INTO campaigns (name, kind, scope_type, scope_id, starts_on, ends_on, owner_id, created_by_id, status,
                                   approved_by_id, approved_at, approval_note, target_classifications,
                                   target_worksites, target_audiences)
            VALUES (:name, :kind, :scopeType, :scopeId, :startsOn, :endsOn, :ownerId, :createdById, :status,
                    :approvedById, CASE WHEN CAST(:approvedById AS bigint) IS NULL THEN NULL ELSE now() END, :approvalNote,
                    :classifications, :worksites, :audiences)""")
    @GetGeneratedKeys("id")
    long insertCampaign(@BindMethods NewCampaignRow campaign);

    @SqlQuery(VIEW + "WHERE c.id = :id")
    @RegisterConstructorMapper(CampaignView.Row.class)
    Optional<CampaignView.Row> campaignViewRow(@Bind("id") long id);

    default Optional<CampaignView> campaign(long id) {
        return campaignViewRow(id).map(CampaignView.Row::view);
    }

    /** Locks the campaign for a change of status; empty if there is none. */
    @SqlQuery(VIEW + "WHERE c.id = :id FOR UPDATE OF c")
    @RegisterConstructorMapper(CampaignView.Row.class)
    Optional<CampaignView.Row> lockViewRow(@Bind("id") long id);

    default Optional<CampaignView> lock(long id) {
        return lockViewRow(id).map(CampaignView.Row::view);
    }

    /** Approve or reject a pending campaign; false if it was not pending. */
    @SqlUpdate("""
            UPDATE campaigns SET status = :status, approved_by_id = :approverId, approved_at = now(), approval_note = :note
            WHERE id = :id AND status = 'PENDING_APPROVAL'""")
    boolean decide(@Bind("id") long id, @Bind("status") CampaignStatus status, @Bind("approverId") long approverId,
                   @Bind("note") String note);

    /** Ends a pending or active campaign at once; false if it was already rejected or ended. */
    @SqlUpdate("""
            UPDATE campaigns SET status = 'ENDED', ended_by_id = :enderId, ended_at = now()
            WHERE id = :id AND status IN ('PENDING_APPROVAL', 'ACTIVE')""")
    boolean end(@Bind("id") long id, @Bind("enderId") long enderId);

    /**
     * Approved campaigns running on {@code day} (first and last days included, as the policy counts
     * them), newest first: the ones a request can name.
     */
    @SqlQuery(VIEW + """
            WHERE c.status = 'ACTIVE' AND c.starts_on <= :day AND c.ends_on >= :day
            ORDER BY c.id DESC LIMIT :limit""")
    @RegisterConstructorMapper(CampaignView.Row.class)
    List<CampaignView.Row> activeOnRows(@Bind("day") LocalDate day, @Bind("limit") int limit);

    default List<CampaignView> activeOn(LocalDate day, int limit) {
        return activeOnRows(day, limit).stream().map(CampaignView.Row::view).toList();
    }

    /** The newest campaigns, whatever their status: the campaigns page lists them. */
    @SqlQuery(VIEW + "ORDER BY c.id DESC LIMIT :limit")
    @RegisterConstructorMapper(CampaignView.Row.class)
    List<CampaignView.Row> recentRows(@Bind("limit") int limit);

    default List<CampaignView> recent(int limit) {
        return recentRows(limit).stream().map(CampaignView.Row::view).toList();
    }

    /** Campaigns waiting for approval, oldest first (an approver's work list filters them by scope). */
    @SqlQuery(VIEW + "WHERE c.status = 'PENDING_APPROVAL' ORDER BY c.id LIMIT :limit")
    @RegisterConstructorMapper(CampaignView.Row.class)
    List<CampaignView.Row> pendingRows(@Bind("limit") int limit);

    default List<CampaignView> pending(int limit) {
        return pendingRows(limit).stream().map(CampaignView.Row::view).toList();
    }

    /** The campaign as the policy sees it. */
    @SqlQuery("""
            SELECT id, kind, scope_type, scope_id, starts_on, ends_on, status, target_classifications,
                   target_worksites, target_audiences
            FROM campaigns WHERE id = :id""")
    @RegisterConstructorMapper(CampaignRow.class)
    Optional<CampaignRow> campaignRow(@Bind("id") long id);
}
