package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.policy.CampaignFact;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.CandidacyFact;
import org.membergateway.policy.Office;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.UnionFixture;

/** The policy's facts from the directory and the union's structure, read in the caller's transaction. */
class DirectoryPolicyFactsIntegrationTest {

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;
    private static DirectoryPolicyFacts facts;
    private static long ana;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
        ana = jdbi.onDemand(PeopleDao.class).insert("ana", "Ana Reyes", PeopleDaoIntegrationTest.HASH, null)
                .orElseThrow();
        facts = new DirectoryPolicyFacts(jdbi);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void placesEveryKindOfScope() {
        assertThat(facts.place(ScopeType.LOCAL, "L2")).contains(PlacedScope.local("L2", "R2", "EG2"));
        assertThat(facts.place(ScopeType.REGION, "R1")).contains(PlacedScope.region("R1"));
        assertThat(facts.place(ScopeType.EMPLOYER_GROUP, "EG1")).contains(PlacedScope.employerGroup("EG1"));
        assertThat(facts.place(ScopeType.STATEWIDE, "ALL")).contains(PlacedScope.STATEWIDE);
        assertThat(facts.place(ScopeType.STATEWIDE, "R1")).isEmpty();
        assertThat(facts.place(ScopeType.LOCAL, "R1")).isEmpty();
        assertThat(facts.place(ScopeType.REGION, "L1")).isEmpty();
    }

    @Test
    void aCandidacyWhoseScopeIsGoneCountsEverywhere() {
        CampaignDao campaigns = jdbi.onDemand(CampaignDao.class);
        TestElections.forCandidacy(jdbi, "e1", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1");
        TestElections.forCandidacy(jdbi, "e2", Office.BOARD_SEAT, ScopeType.REGION, "R9");
        campaigns.insertCandidacy(ana, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "e1", "admin").orElseThrow();
        // A scope id nothing has (candidacies' scope ids have no foreign key).
        campaigns.insertCandidacy(ana, Office.BOARD_SEAT, ScopeType.REGION, "R9", "e2", "admin").orElseThrow();
        assertThat(facts.candidacies("ana")).containsExactly(
                new CandidacyFact(Office.LOCAL_OFFICE, PlacedScope.local("L1", "R1", "EG1"), "e1"),
                new CandidacyFact(Office.BOARD_SEAT, PlacedScope.STATEWIDE, "e2"));
        assertThat(facts.candidacies("nobody")).isEmpty();
    }

    @Test
    void aCandidacyCountsThroughElectionDayAndNotAfter() {
        long ben = jdbi.onDemand(PeopleDao.class).insert("ben", "Ben Ito", PeopleDaoIntegrationTest.HASH, null)
                .orElseThrow();
        TestElections.insert(jdbi, "L2-2026", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L2", LocalDate.of(2026, 9, 1), null,
                LocalDate.of(2026, 11, 3), TestElections.placeholderVendor(jdbi, "Mail house L2"), null);
        jdbi.onDemand(CampaignDao.class).insertCandidacy(ben, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L2", "L2-2026", "admin")
                .orElseThrow();
        CandidacyFact candidacy = new CandidacyFact(Office.LOCAL_OFFICE, PlacedScope.local("L2", "R2", "EG2"), "L2-2026");
        ZoneId zone = ZoneId.of("America/Los_Angeles");
        // Late on election day in the union's zone (already the next day in UTC): still a candidate.
        Clock electionNight = Clock.fixed(Instant.parse("2026-11-04T07:30:00Z"), zone);
        assertThat(new DirectoryPolicyFacts(jdbi, electionNight).candidacies("ben")).containsExactly(candidacy);
        Clock dayAfter = Clock.fixed(Instant.parse("2026-11-04T08:30:00Z"), zone);
        assertThat(new DirectoryPolicyFacts(jdbi, dayAfter).candidacies("ben")).as("the election is over").isEmpty();
    }

    @Test
    void aCampaignIsReadInTheCallersTransactionAndPlaced() {
        LocalDate from = LocalDate.of(2026, 3, 1);
        LocalDate to = LocalDate.of(2026, 4, 1);
        CampaignFact seen = jdbi.inTransaction(h -> {
            long id = h.attach(CampaignDao.class).insertCampaign("Organize", CampaignKind.ORGANIZING, ScopeType.LOCAL,
                    "L2", from, to, ana);
            // Not committed yet: only a read on this transaction's handle can see it.
            CampaignFact fact = facts.campaign(id).orElseThrow();
            h.rollback();
            return fact;
        });
        assertThat(seen.kind()).isEqualTo(CampaignKind.ORGANIZING);
        assertThat(seen.scope()).isEqualTo(PlacedScope.local("L2", "R2", "EG2"));
        assertThat(facts.campaign(seen.id())).as("rolled back").isEmpty();
    }
}
