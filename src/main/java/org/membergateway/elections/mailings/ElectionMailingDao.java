package org.membergateway.elections.mailings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.policy.ScopeType;

/** Election mailings as stored (V25), and the candidacies of an election they are checked against. */
@RegisterRowMapper(ElectionMailingDao.MailingMapper.class)
public interface ElectionMailingDao {

    String COLUMNS = """
            id, election_id, kind, requested_by, candidacy_id, channel, scope_type, scope_id, title, literature_sha256,
            pieces, rate_cents, cost_cents, status, decided_by, decided_at, decision_note, list_request_id, created_at,
            delivered_at""";

    /** A declared, not withdrawn candidacy of an election. */
    record Candidacy(long id, String username, String office) {
    }

    /** The person's declared, not withdrawn candidacy in the election, if any (the first, should there be several). */
    @SqlQuery("""
            SELECT c.id, p.username, c.office FROM candidacies c JOIN people p ON p.id = c.person_id
            WHERE p.username = :username AND c.election_id = :election AND c.withdrawn_at IS NULL
            ORDER BY c.id LIMIT 1""")
    @RegisterConstructorMapper(Candidacy.class)
    Optional<Candidacy> candidacy(@Bind("election") String electionId, @Bind("username") String username);

    /** Every declared, not withdrawn candidacy of the election: whom the ledger compares. */
    @SqlQuery("""
            SELECT c.id, p.username, c.office FROM candidacies c JOIN people p ON p.id = c.person_id
            WHERE c.election_id = :election AND c.withdrawn_at IS NULL ORDER BY p.username, c.id""")
    @RegisterConstructorMapper(Candidacy.class)
    List<Candidacy> candidacies(@Bind("election") String electionId);

    /** A candidate's inspection of the membership list (V24), for the ledger. */
    record InspectionRow(String username, java.time.OffsetDateTime openedAt) {
    }

    /** The list inspections opened in the election, in the order they were opened. */
    @SqlQuery("""
            SELECT p.username, i.opened_at FROM election_inspections i JOIN people p ON p.id = i.person_id
            WHERE i.election_id = :election ORDER BY i.opened_at, i.id""")
    @RegisterConstructorMapper(InspectionRow.class)
    List<InspectionRow> inspections(@Bind("election") String electionId);

    @SqlUpdate("""
            INSERT INTO election_mailings (election_id, kind, requested_by, candidacy_id, channel, scope_type, scope_id,
                title, literature_sha256, pieces, rate_cents, cost_cents, status, created_at)
            VALUES (:election, :kind, :requestedBy, :candidacy, :channel, :scopeType, :scopeId, :title, :sha, :pieces,
                :rate, :pieces * :rate, 'PENDING_APPROVAL', :at)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("election") String electionId, @Bind("kind") String kind, @Bind("requestedBy") String requestedBy,
                @Bind("candidacy") Long candidacyId, @Bind("channel") String channel, @Bind("scopeType") String scopeType,
                @Bind("scopeId") String scopeId, @Bind("title") String title, @Bind("sha") String literatureSha256,
                @Bind("pieces") long pieces, @Bind("rate") long rateCents, @Bind("at") OffsetDateTime at);

    @SqlQuery("SELECT " + COLUMNS + " FROM election_mailings WHERE election_id = :election AND id = :id")
    Optional<ElectionMailing> find(@Bind("election") String electionId, @Bind("id") long id);

    /** The mailing, locked until the transaction ends: one decision at a time. */
    @SqlQuery("SELECT " + COLUMNS + " FROM election_mailings WHERE election_id = :election AND id = :id FOR UPDATE")
    Optional<ElectionMailing> lock(@Bind("election") String electionId, @Bind("id") long id);

    /** Every mailing of the election, oldest first: the ledger. */
    @SqlQuery("SELECT " + COLUMNS + " FROM election_mailings WHERE election_id = :election ORDER BY id")
    List<ElectionMailing> byElection(@Bind("election") String electionId);

    @SqlUpdate("""
            UPDATE election_mailings SET status = :status, decided_by = :by, decided_at = :at, decision_note = :note,
                list_request_id = :listRequest
            WHERE id = :id AND status = 'PENDING_APPROVAL'""")
    int decide(@Bind("id") long id, @Bind("status") String status, @Bind("by") String decidedBy,
               @Bind("at") OffsetDateTime at, @Bind("note") String note, @Bind("listRequest") Long listRequestId);

    @SqlUpdate("""
            UPDATE election_mailings SET status = 'DELIVERED', delivered_at = :at
            WHERE id = :id AND status = 'APPROVED'""")
    int delivered(@Bind("id") long id, @Bind("at") OffsetDateTime at);

    /** The elections, not over on {@code today}, in which the person is a declared, not withdrawn candidate: for the home page. */
    @SqlQuery("""
            SELECT DISTINCT c.election_id FROM candidacies c JOIN people p ON p.id = c.person_id
            JOIN elections e ON e.id = c.election_id
            WHERE p.username = :username AND c.withdrawn_at IS NULL AND e.election_day >= :today
            ORDER BY c.election_id""")
    List<String> candidateIn(@Bind("username") String username, @Bind("today") java.time.LocalDate today);

    /** How many mailings and notices wait for the election committee, in elections not over on {@code today}. */
    @SqlQuery("""
            SELECT count(*) FROM election_mailings m JOIN elections e ON e.id = m.election_id
            WHERE m.status = 'PENDING_APPROVAL' AND e.election_day >= :today""")
    long pendingCount(@Bind("today") java.time.LocalDate today);

    /** Maps a row of {@link #COLUMNS}. */
    final class MailingMapper implements RowMapper<ElectionMailing> {
        @Override
        public ElectionMailing map(ResultSet rs, StatementContext ctx) throws SQLException {
            long candidacy = rs.getLong("candidacy_id");
            Long candidacyId = rs.wasNull() ? null : candidacy;
            long listRequest = rs.getLong("list_request_id");
            Long listRequestId = rs.wasNull() ? null : listRequest;
            return new ElectionMailing(rs.getLong("id"), rs.getString("election_id"),
                    MailingKind.valueOf(rs.getString("kind")), rs.getString("requested_by"), candidacyId,
                    MailingChannel.valueOf(rs.getString("channel")), ScopeType.valueOf(rs.getString("scope_type")),
                    rs.getString("scope_id"), rs.getString("title"), rs.getString("literature_sha256"),
                    rs.getLong("pieces"), rs.getInt("rate_cents"), rs.getLong("cost_cents"),
                    MailingStatus.valueOf(rs.getString("status")), rs.getString("decided_by"),
                    rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_note"), listRequestId,
                    rs.getObject("created_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class));
        }
    }
}
