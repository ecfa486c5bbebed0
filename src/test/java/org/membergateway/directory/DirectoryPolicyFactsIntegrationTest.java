package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
        campaigns.insertCandidacy(ana, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "e1", "admin").orElseThrow();
        // A scope id nothing has (candidacies' scope ids have no foreign key).
        campaigns.insertCandidacy(ana, Office.BOARD_SEAT, ScopeType.REGION, "R9", "e2", "admin").orElseThrow();
        assertThat(facts.candidacies("ana")).containsExactly(
                new CandidacyFact(Office.LOCAL_OFFICE, PlacedScope.local("L1", "R1", "EG1"), "e1"),
                new CandidacyFact(Office.BOARD_SEAT, PlacedScope.STATEWIDE, "e2"));
        assertThat(facts.candidacies("nobody")).isEmpty();
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
