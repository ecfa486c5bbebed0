package org.membergateway.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.Audience;
import org.membergateway.policy.CampaignFact;
import org.membergateway.policy.CampaignTargets;
import org.membergateway.policy.CandidacyFact;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.PolicyFacts;
import org.membergateway.policy.ScopeType;

/**
 * The directory's answers to the policy's questions. Each call runs on the calling thread's open
 * handle when there is one (Jdbi hands it back), so facts are read in the request's transaction.
 * Scopes are placed by the union's structure, which the member import owns ({@link UnionDao}).
 */
public final class DirectoryPolicyFacts implements PolicyFacts {

    private final Jdbi jdbi;
    private final Clock clock;

    /** For tools and tests that do not move time: candidacies end by the system clock's day (UTC). */
    public DirectoryPolicyFacts(Jdbi jdbi) {
        this(jdbi, Clock.systemUTC());
    }

    /** @param clock in the union's zone: a candidacy ends when its election day is past there */
    public DirectoryPolicyFacts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<PlacedScope> place(ScopeType type, String id) {
        return jdbi.withExtension(UnionDao.class, union -> place(union, type, id));
    }

    @Override
    public List<CandidacyFact> candidacies(String username) {
        return jdbi.withHandle(h -> {
            UnionDao union = h.attach(UnionDao.class);
            return h.attach(CampaignDao.class).candidacyRows(username, LocalDate.now(clock)).stream()
                    // A candidacy whose scope has since disappeared still makes its holder a candidate
                    // everywhere: err towards asking a person.
                    .map(c -> new CandidacyFact(c.office(),
                            place(union, c.scopeType(), c.scopeId()).orElse(PlacedScope.STATEWIDE), c.electionId()))
                    .toList();
        });
    }

    @Override
    public Optional<CampaignFact> campaign(long id) {
        return jdbi.withHandle(h -> {
            UnionDao union = h.attach(UnionDao.class);
            return h.attach(CampaignDao.class).campaignRow(id)
                    .flatMap(c -> place(union, c.scopeType(), c.scopeId())
                            .map(scope -> new CampaignFact(c.id(), c.kind(), scope, c.startsOn(), c.endsOn(), c.status(),
                                    new CampaignTargets(Set.copyOf(List.of(c.targetClassifications())), Set.copyOf(List.of(c.targetWorksites())),
                                            audiences(c.targetAudiences())))));
        });
    }

    private static Set<Audience> audiences(String[] names) {
        Set<Audience> audiences = EnumSet.noneOf(Audience.class);
        for (String name : names) {
            audiences.add(Audience.valueOf(name));
        }
        return audiences;
    }

    /** Where the scope lies; empty if there is no such scope. The directory checks scope ids with it too. */
    static Optional<PlacedScope> place(UnionDao union, ScopeType type, String id) {
        return switch (type) {
            case STATEWIDE -> ScopeType.STATEWIDE_ID.equals(id) ? Optional.of(PlacedScope.STATEWIDE) : Optional.empty();
            case LOCAL -> union.local(id).map(l -> PlacedScope.local(id, l.region(), l.employerGroup()));
            case REGION -> union.regionExists(id) ? Optional.of(PlacedScope.region(id)) : Optional.empty();
            case EMPLOYER_GROUP -> union.employerGroupExists(id) ? Optional.of(PlacedScope.employerGroup(id)) : Optional.empty();
        };
    }
}
