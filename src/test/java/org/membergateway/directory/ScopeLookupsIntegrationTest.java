package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.members.MemberCsv;
import org.membergateway.members.UnionDao.NamedId;
import org.membergateway.members.UnionDao.NamedLocal;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.Office;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/**
 * What each person is offered to ask about, against a real PostgreSQL and the bundled policy: their
 * own locals; the regions and employer groups they cover and the locals in them; their candidacy's
 * electorate; the whole union for ADMIN and the roles the policy lets ask anywhere; nothing for the
 * rest. And only the campaigns running today whose scope overlaps one of those.
 */
class ScopeLookupsIntegrationTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(23, 30).atZone(ZONE).toInstant(), ZONE);

    private static TestDatabases.SplitRoles database;
    private static ScopeLookups scopes;
    private static UnionFixture union;
    private static long inL1;
    private static long inR1;
    private static long inR2;
    private static long inG2;
    private static long statewide;
    private static long inL3;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        Jdbi jdbi = database.app();
        union = UnionFixture.in(database.superuser()).local("L1", "R1", "G1").local("L2", "R1", "G2").local("L3", "R2", "G2")
                .local("L4", "R3", "G3");
        scopes = new ScopeLookups(jdbi, PolicyLoader.load(PolicySource.bundled(), MemberCsv.COLUMNS), CLOCK);
        union.person("owner", Role.STAFF);
        inL1 = union.campaign("owner", CampaignKind.CAPE, ScopeType.LOCAL, "L1", TODAY.minusDays(5), TODAY);
        inR1 = union.campaign("owner", CampaignKind.ORGANIZING, ScopeType.REGION, "R1", TODAY, TODAY.plusDays(5));
        inR2 = union.campaign("owner", CampaignKind.ORGANIZING, ScopeType.REGION, "R2", TODAY.minusDays(1), TODAY.plusDays(1));
        inG2 = union.campaign("owner", CampaignKind.CONTRACT, ScopeType.EMPLOYER_GROUP, "G2", TODAY, TODAY);
        statewide = union.campaign("owner", CampaignKind.ISSUE, ScopeType.STATEWIDE, "ALL", TODAY, TODAY.plusDays(30));
        inL3 = union.campaign("owner", CampaignKind.CAPE, ScopeType.LOCAL, "L3", TODAY.minusDays(2), TODAY.plusDays(2));
        // Not running today (in the union's zone; the clock is past midnight UTC): over, or not begun.
        union.campaign("owner", CampaignKind.CAPE, ScopeType.LOCAL, "L1", TODAY.minusDays(9), TODAY.minusDays(1));
        union.campaign("owner", CampaignKind.CAPE, ScopeType.REGION, "R1", TODAY.plusDays(1), TODAY.plusDays(9));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static List<String> localIds(Requester who) {
        return scopes.locals(who).stream().map(NamedLocal::id).toList();
    }

    static List<String> campaignIds(Requester who) {
        return scopes.campaigns(who).stream().map(c -> Long.toString(c.id())).toList();
    }

    static List<String> ids(long... campaigns) {
        return java.util.Arrays.stream(campaigns).mapToObj(Long::toString).toList();
    }

    @Test
    void aLocalPresidentHasTheirOwnLocalAndTheCampaignsThatReachIt() {
        Requester president = union.person("president1", Role.LOCAL_PRESIDENT, "L1");
        ScopeLookups.Coverage coverage = scopes.coverage(president);
        assertThat(coverage.statewide()).isFalse();
        assertThat(coverage.locals()).containsExactly(new NamedLocal("L1", "Local L1", "R1", "Region R1", "G1", "Group G1"));
        assertThat(coverage.regions()).as("their local's region is not theirs to ask about").isEmpty();
        assertThat(coverage.employerGroups()).isEmpty();
        assertThat(campaignIds(president)).as("newest first; not L3's, not those of other days")
                .containsExactly(ids(statewide, inR1, inL1).toArray(String[]::new));
    }

    @Test
    void aDirectorHasTheirRegionsAndGroupsAndTheLocalsInThem() {
        Requester director = union.person("director1", Set.of(Role.DIRECTOR), Set.of(), Set.of("R1"), Set.of("G2"));
        assertThat(localIds(director)).containsExactly("L1", "L2", "L3");
        assertThat(scopes.regions(director)).containsExactly(new NamedId("R1", "Region R1"));
        assertThat(scopes.employerGroups(director)).containsExactly(new NamedId("G2", "Group G2"));
        assertThat(campaignIds(director)).as("a region and an employer group are taken to overlap")
                .containsExactly(ids(inL3, statewide, inG2, inR2, inR1, inL1).toArray(String[]::new));
    }

    @Test
    void statewideRolesAndTheAdministratorHaveEverything() {
        for (Role role : List.of(Role.EXECUTIVE_DIRECTOR, Role.DESIGNEE, Role.STATEWIDE_PRESIDENT, Role.ADMIN,
                Role.STATEWIDE_OFFICER, Role.STAFF)) {
            Requester someone = union.person("statewide-" + role.slug(), role);
            ScopeLookups.Coverage coverage = scopes.coverage(someone);
            assertThat(coverage.statewide()).as(role.name()).isTrue();
            assertThat(coverage.locals()).as(role.name()).extracting(NamedLocal::id).containsExactly("L1", "L2", "L3", "L4");
            assertThat(coverage.regions()).as(role.name()).extracting(NamedId::id).containsExactly("R1", "R2", "R3");
            assertThat(coverage.employerGroups()).as(role.name()).extracting(NamedId::id).containsExactly("G1", "G2", "G3");
            assertThat(scopes.campaigns(someone)).as(role.name()).hasSize(6);
        }
    }

    @Test
    void theWorksiteLeadersMasterListIsTheOneStatewidePickOfACommitteeChairOrALocalOfficer() {
        // AP&P IV §6: any officer may have any worksite-leader list, the statewide master list included;
        // that offers the whole union as one pick, not every local and region for other purposes.
        Requester chair = union.person("chair-1", Role.COMMITTEE_CHAIR);
        ScopeLookups.Coverage coverage = scopes.coverage(chair);
        assertThat(coverage.statewide()).isFalse();
        assertThat(coverage.masterList()).isTrue();
        assertThat(coverage.none()).isFalse();
        assertThat(coverage.locals()).isEmpty();
        assertThat(coverage.regions()).isEmpty();
        assertThat(scopes.campaigns(chair)).isEmpty();
    }

    @Test
    void aDeclaredCandidateHasTheirElectorateWhereTheirCandidacyGrantsVotingData() {
        Requester candidate = union.person("candidate1", Role.MEMBER, "L4");
        union.candidacy("candidate1", Office.BOARD_SEAT, ScopeType.REGION, "R2", "2026-board");
        union.candidacy("candidate1", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "2026-local");
        ScopeLookups.Coverage coverage = scopes.coverage(candidate);
        assertThat(coverage.regions()).extracting(NamedId::id).containsExactly("R2");
        assertThat(coverage.locals()).as("a local office's candidacy grants nothing (AP&P XVI §6(e))")
                .extracting(NamedLocal::id).containsExactly("L3", "L4");
    }

    @Test
    void someoneWhoCoversNothingIsOfferedNothing() {
        Requester auditor = union.person("auditor1", Role.AUDITOR);
        ScopeLookups.Choices choices = scopes.choices(auditor);
        assertThat(choices.coverage().none()).isTrue();
        assertThat(choices.campaigns()).isEmpty();
        // A member (no officer: any officer may pick the worksite leaders' master list, AP&P IV §6).
        Requester gone = Requester.person("gone1", "Gone", Set.of(Role.MEMBER), Set.of("L9"), Set.of(), Set.of(), null);
        assertThat(scopes.coverage(gone).none()).as("a local that does not exist is not offered").isTrue();
        assertThat(scopes.coverage(Requester.vendor(7, "Capitol Mailing")).none()).isTrue();
    }
}
