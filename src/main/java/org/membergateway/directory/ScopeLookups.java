package org.membergateway.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.members.UnionDao;
import org.membergateway.members.UnionDao.NamedId;
import org.membergateway.members.UnionDao.NamedLocal;
import org.membergateway.policy.Grant;
import org.membergateway.policy.Office;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Policy;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.RowSet;
import org.membergateway.policy.ScopeType;

/**
 * The parts of the union a person may ask for member lists about, and the campaigns running in
 * them: what the request form offers and {@code GET /api/v1/locals}, {@code /regions},
 * {@code /employer-groups} and {@code /campaigns} answer. It only narrows what is offered, so that
 * people pick by name among the scopes they can use; the policy still decides every request.
 *
 * <p>A person covers their own locals; the regions and employer groups they cover, and the locals
 * in them; the scope of each of their declared candidacies for an office that a candidacy grant of
 * the policy names (AP&amp;P XVI §6(e): voting data for candidates in their electorate); and the
 * whole union if they hold ADMIN, who keeps the directory of all of it, or a role that a grant of
 * the policy lets ask over any scope (with today's rules.yml: the executive director, designees,
 * the statewide president, statewide officers, staff and committee chairs). Taking the statewide
 * roles from the policy rather than from a list here means a role the union gives statewide reach
 * is offered it on the form the day rules.yml says so.
 */
public final class ScopeLookups {

    /** The most campaigns one answer lists; more running at once in one person's scopes is not a list to pick from. */
    public static final int MAX_CAMPAIGNS = DirectoryService.MAX_LIST;
    /** Campaigns running today read before filtering by scope: far more than a union runs at once. */
    private static final int ACTIVE_READ = 10_000;

    private final Jdbi jdbi;
    private final Set<Role> statewideRoles;
    private final Set<Role> masterListRoles;
    private final Set<Office> candidacyOffices;
    private final Clock clock;

    /** @param clock in the union's time zone: a campaign runs by calendar day there */
    public ScopeLookups(Jdbi jdbi, Policy policy, Clock clock) {
        this.jdbi = jdbi;
        Set<Role> statewide = EnumSet.of(Role.ADMIN);
        Set<Role> masterList = EnumSet.noneOf(Role.class);
        Set<Office> offices = EnumSet.noneOf(Office.class);
        for (Grant grant : policy.grants()) {
            if (grant.purposes().stream().noneMatch(Purpose::askedAsList)) {
                // Board contacts for every member and the committee's literature extracts are no
                // part of the union anyone picks on the request form.
                continue;
            }
            if (grant.scope() == Grant.GrantScope.ANY && grant.purposes().stream()
                    .allMatch(p -> policy.purposes().get(p).rows() == RowSet.WORKSITE_LEADERS)) {
                // AP&P IV §6 gives every officer any worksite-leader list, the statewide master list
                // included: that is the whole union as one pick, not every local and region on the
                // form for purposes the policy would refuse there.
                masterList.addAll(grant.roles());
            } else if (grant.scope() == Grant.GrantScope.ANY) {
                statewide.addAll(grant.roles());
            } else if (grant.scope() == Grant.GrantScope.CANDIDACY) {
                offices.addAll(grant.candidacies());
            }
        }
        this.statewideRoles = Set.copyOf(statewide);
        masterList.removeAll(statewide);
        this.masterListRoles = Set.copyOf(masterList);
        this.candidacyOffices = Set.copyOf(offices);
        this.clock = clock;
    }

    /**
     * What a person covers: whether the whole union, and the locals, regions and employer groups
     * (each by id, with names) they may pick; {@code masterList} when, without the whole union, they
     * may still have the worksite leaders' statewide master list (AP&amp;P IV §6: any officer).
     */
    public record Coverage(boolean statewide, List<NamedLocal> locals, List<NamedId> regions, List<NamedId> employerGroups,
                           boolean masterList) {
        public static final Coverage NONE = new Coverage(false, List.of(), List.of(), List.of(), false);

        public Coverage {
            locals = List.copyOf(locals);
            regions = List.copyOf(regions);
            employerGroups = List.copyOf(employerGroups);
        }

        /** Whether there is no part of the union at all the person could ask about. */
        public boolean none() {
            return !statewide && !masterList && locals.isEmpty() && regions.isEmpty() && employerGroups.isEmpty();
        }

        /** Every covered scope with where it lies, to compare with a campaign's. */
        List<PlacedScope> placed() {
            List<PlacedScope> scopes = new ArrayList<>(locals.size() + regions.size() + employerGroups.size() + 1);
            if (statewide) {
                scopes.add(PlacedScope.STATEWIDE);
            }
            locals.forEach(l -> scopes.add(PlacedScope.local(l.id(), l.region(), l.employerGroup())));
            regions.forEach(r -> scopes.add(PlacedScope.region(r.id())));
            employerGroups.forEach(g -> scopes.add(PlacedScope.employerGroup(g.id())));
            return scopes;
        }
    }

    /** What the request form offers a person: the scopes they cover and the campaigns running in them today. */
    public record Choices(Coverage coverage, List<CampaignView> campaigns) {
        public Choices {
            campaigns = List.copyOf(campaigns);
        }
    }

    public Coverage coverage(Requester requester) {
        return jdbi.withHandle(h -> coverage(h, requester));
    }

    public List<NamedLocal> locals(Requester requester) {
        return coverage(requester).locals();
    }

    public List<NamedId> regions(Requester requester) {
        return coverage(requester).regions();
    }

    public List<NamedId> employerGroups(Requester requester) {
        return coverage(requester).employerGroups();
    }

    /**
     * The approved campaigns running today (in the union's zone) whose scope may share members with one the
     * person covers ({@link PlacedScope#overlaps}), newest first, at most {@link #MAX_CAMPAIGNS}.
     */
    public List<CampaignView> campaigns(Requester requester) {
        return choices(requester).campaigns();
    }

    /** Both at once, read on one connection: what the request form needs. */
    public Choices choices(Requester requester) {
        return jdbi.withHandle(h -> {
            Coverage coverage = coverage(h, requester);
            return new Choices(coverage, campaigns(h, coverage));
        });
    }

    private Coverage coverage(Handle h, Requester requester) {
        if (!requester.isPerson()) {
            return Coverage.NONE;
        }
        boolean statewide = requester.roles().stream().anyMatch(statewideRoles::contains);
        Set<String> locals = new TreeSet<>(requester.locals());
        Set<String> regions = new TreeSet<>(requester.regions());
        Set<String> groups = new TreeSet<>(requester.employerGroups());
        if (!statewide && !candidacyOffices.isEmpty()) {
            for (CampaignDao.CandidacyRow candidacy : h.attach(CampaignDao.class).candidacyRows(requester.username(),
                    java.time.LocalDate.now(clock))) {
                if (!candidacyOffices.contains(candidacy.office())) {
                    continue;
                }
                switch (candidacy.scopeType()) {
                    case STATEWIDE -> statewide = true;
                    case LOCAL -> locals.add(candidacy.scopeId());
                    case REGION -> regions.add(candidacy.scopeId());
                    case EMPLOYER_GROUP -> groups.add(candidacy.scopeId());
                }
            }
        }
        UnionDao union = h.attach(UnionDao.class);
        // Ids that name nothing (a local since removed) are not found, so they are not offered.
        boolean masterList = requester.roles().stream().anyMatch(masterListRoles::contains);
        return new Coverage(statewide, union.locals(statewide, array(locals), array(regions), array(groups)),
                union.regions(statewide, array(regions)), union.employerGroups(statewide, array(groups)), masterList);
    }

    private List<CampaignView> campaigns(Handle h, Coverage coverage) {
        if (coverage.none()) {
            return List.of();
        }
        List<PlacedScope> covered = coverage.placed();
        UnionDao union = h.attach(UnionDao.class);
        List<CampaignView> shown = new ArrayList<>();
        for (CampaignView campaign : h.attach(CampaignDao.class).activeOn(LocalDate.now(clock), ACTIVE_READ)) {
            // A campaign whose scope no longer exists cannot be used: the policy finds no such campaign.
            Optional<PlacedScope> scope = DirectoryPolicyFacts.place(union, ScopeType.valueOf(campaign.scopeType()),
                    campaign.scopeId());
            if (scope.isPresent() && covered.stream().anyMatch(scope.get()::overlaps)) {
                shown.add(campaign);
                if (shown.size() == MAX_CAMPAIGNS) {
                    break;
                }
            }
        }
        return shown;
    }

    private static String[] array(Set<String> ids) {
        return ids.toArray(String[]::new);
    }
}
