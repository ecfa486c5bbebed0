package org.membergateway.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/** The directory's rows the policy decides on: locals, regions, employer groups, candidacies, campaigns. */
public interface PolicyFactsDao {

    /** A local's placement in the union. */
    record LocalPlacement(String region, String employerGroup) {
    }

    /** A candidacy as stored: its electorate is placed by {@link DirectoryPolicyFacts}. */
    record CandidacyRow(Office office, ScopeType scopeType, String scopeId, String electionId) {
    }

    /** A campaign as stored. */
    record CampaignRow(long id, CampaignKind kind, ScopeType scopeType, String scopeId, LocalDate startsOn,
                       LocalDate endsOn) {
    }

    @SqlQuery("SELECT region_id AS region, employer_group_id AS employer_group FROM locals WHERE id = :id")
    @RegisterConstructorMapper(LocalPlacement.class)
    Optional<LocalPlacement> local(@Bind("id") String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM regions WHERE id = :id)")
    boolean regionExists(@Bind("id") String id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM employer_groups WHERE id = :id)")
    boolean employerGroupExists(@Bind("id") String id);

    @SqlQuery("""
            SELECT c.office, c.scope_type, c.scope_id, c.election_id
            FROM candidacies c JOIN people p ON p.id = c.person_id WHERE p.username = :username ORDER BY c.id""")
    @RegisterConstructorMapper(CandidacyRow.class)
    List<CandidacyRow> candidacies(@Bind("username") String username);

    @SqlQuery("SELECT id, kind, scope_type, scope_id, starts_on, ends_on FROM campaigns WHERE id = :id")
    @RegisterConstructorMapper(CampaignRow.class)
    Optional<CampaignRow> campaign(@Bind("id") long id);
}
