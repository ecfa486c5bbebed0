package org.membergateway.directory;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.policy.CampaignFact;
import org.membergateway.policy.CandidacyFact;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.PolicyFacts;
import org.membergateway.policy.ScopeType;

/**
 * The directory's answers to the policy's questions. Each call runs on the calling thread's open
 * handle when there is one (Jdbi hands it back), so facts are read in the request's transaction.
 */
public final class DirectoryPolicyFacts implements PolicyFacts {

    private final Jdbi jdbi;

    public DirectoryPolicyFacts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<PlacedScope> place(ScopeType type, String id) {
        return jdbi.withExtension(PolicyFactsDao.class, dao -> place(dao, type, id));
    }

    @Override
    public List<CandidacyFact> candidacies(String username) {
        return jdbi.withExtension(PolicyFactsDao.class, dao -> dao.candidacies(username).stream()
                // A candidacy whose scope has since disappeared still makes its holder a candidate
                // everywhere: err towards asking a person.
                .map(c -> new CandidacyFact(c.office(), place(dao, c.scopeType(), c.scopeId()).orElse(PlacedScope.STATEWIDE),
                        c.electionId()))
                .toList());
    }

    @Override
    public Optional<CampaignFact> campaign(long id) {
        return jdbi.withExtension(PolicyFactsDao.class, dao -> dao.campaign(id)
                .flatMap(c -> place(dao, c.scopeType(), c.scopeId())
                        .map(scope -> new CampaignFact(c.id(), c.kind(), scope, c.startsOn(), c.endsOn()))));
    }

    private static Optional<PlacedScope> place(PolicyFactsDao dao, ScopeType type, String id) {
        return switch (type) {
            case STATEWIDE -> ScopeType.STATEWIDE_ID.equals(id) ? Optional.of(PlacedScope.STATEWIDE) : Optional.empty();
            case LOCAL -> dao.local(id).map(l -> PlacedScope.local(id, l.region(), l.employerGroup()));
            case REGION -> dao.regionExists(id) ? Optional.of(PlacedScope.region(id)) : Optional.empty();
            case EMPLOYER_GROUP -> dao.employerGroupExists(id) ? Optional.of(PlacedScope.employerGroup(id)) : Optional.empty();
        };
    }
}
