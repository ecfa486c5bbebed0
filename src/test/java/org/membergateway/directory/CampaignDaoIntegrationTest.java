package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.testing.TestElections;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.CampaignStatus;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/** Candidacies and campaigns against a real PostgreSQL, as the directory API and the policy read them. */
class CampaignDaoIntegrationTest {

    private static TestDatabases.SplitRoles database;
    private static CampaignDao campaigns;
    private static long ana;
    private static long ben;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        Jdbi jdbi = database.app();
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
        PeopleDao people = jdbi.onDemand(PeopleDao.class);
        ana = people.insert("ana", "Ana Reyes", PeopleDaoIntegrationTest.HASH, null).orElseThrow();
        ben = people.insert("ben", "Ben Ito", PeopleDaoIntegrationTest.HASH, null).orElseThrow();
        campaigns = jdbi.onDemand(CampaignDao.class);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aCandidacyIsDeclaredOnceAndReadBackInOrder() {
        TestElections.forCandidacy(database.app(), "2026-local", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1");
        TestElections.forCandidacy(database.app(), "2026-state", Office.STATEWIDE_OFFICE, ScopeType.STATEWIDE, "ALL");
        long local = campaigns.insertCandidacy(ana, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "2026-local", "admin")
                .orElseThrow();
        long statewide = campaigns.insertCandidacy(ana, Office.STATEWIDE_OFFICE, ScopeType.STATEWIDE, "ALL",
                "2026-state", "admin").orElseThrow();
        assertThat(campaigns.insertCandidacy(ana, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "2026-local", "someone"))
                .as("the same candidacy again").isEmpty();
        assertThat(campaigns.insertCandidacy(ben, Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "2026-local", "admin"))
                .as("another person's").isPresent();

        CandidacyView first = campaigns.candidacy(local).orElseThrow();
        assertThat(first.id()).isEqualTo(local);
        assertThat(first.username()).isEqualTo("ana");
        assertThat(first.office()).isEqualTo("LOCAL_OFFICE");
        assertThat(first.scopeType()).isEqualTo("LOCAL");
        assertThat(first.scopeId()).isEqualTo("L1");
        assertThat(first.electionId()).isEqualTo("2026-local");
        assertThat(first.declaredAt().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(campaigns.candidacy(statewide + 1000)).isEmpty();

        assertThat(campaigns.candidacies("ana")).extracting(CandidacyView::id).containsExactly(local, statewide);
        assertThat(campaigns.candidacyRows("ana", java.time.LocalDate.of(2026, 12, 1))).containsExactly(
                new CampaignDao.CandidacyRow(Office.LOCAL_OFFICE, ScopeType.LOCAL, "L1", "2026-local"),
                new CampaignDao.CandidacyRow(Office.STATEWIDE_OFFICE, ScopeType.STATEWIDE, "ALL", "2026-state"));
        assertThat(campaigns.candidacies("nobody")).isEmpty();
    }

    @Test
    void aCampaignReadsBackWithItsOwnerAndAsThePolicySeesIt() {
        LocalDate from = LocalDate.of(2026, 3, 1);
        LocalDate to = LocalDate.of(2026, 11, 3);
        long id = campaigns.insertCampaign("Fair contract", CampaignKind.CONTRACT, ScopeType.REGION, "R2", from, to, ben);
        long next = campaigns.insertCampaign("CAPE drive", CampaignKind.CAPE, ScopeType.STATEWIDE, "ALL", from, from, ana);
        assertThat(next).isGreaterThan(id);

        CampaignView view = campaigns.campaign(id).orElseThrow();
        assertThat(view).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(new CampaignView(id,
                "Fair contract", "CONTRACT", "REGION", "R2", from, to, "ben", null, "PENDING_APPROVAL", "ben", null,
                null, null, null, null, new CampaignView.Targets(List.of(), List.of(), List.of())));
        assertThat(view.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
        CampaignDao.CampaignRow row = campaigns.campaignRow(id).orElseThrow();
        assertThat(row).usingRecursiveComparison().isEqualTo(new CampaignDao.CampaignRow(id, CampaignKind.CONTRACT,
                ScopeType.REGION, "R2", from, to, CampaignStatus.PENDING_APPROVAL, new String[0], new String[0], new String[0]));
        assertThat(campaigns.campaign(next + 1000)).isEmpty();
        assertThat(campaigns.campaignRow(next + 1000)).isEmpty();
    }
}
