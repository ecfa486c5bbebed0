package org.membergateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionDao;
import org.membergateway.elections.ElectionPolicy;
import org.membergateway.policy.Office;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/** The demo's elections: entered once into a database without any, with the published terms. */
class DemoElectionsIntegrationTest {

    private static TestDatabases.SplitRoles database;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        UnionFixture.in(database.app()).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aStatewideBoardSeatAndTheFirstLocalsOfficesOnceOnly() {
        Jdbi jdbi = database.app();
        ElectionPolicy policy = ElectionPolicy.load(PolicySource.bundled());
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T18:00:00Z"), ZoneId.of("America/Los_Angeles"));
        DemoElections demo = new DemoElections(jdbi, policy, clock);
        assertThat(demo.enterIfNone()).containsExactly(DemoElections.BOARD, DemoElections.LOCAL);
        assertThat(demo.enterIfNone()).as("a database with elections is left alone").isEmpty();

        Election board = jdbi.onDemand(ElectionDao.class).find(DemoElections.BOARD).orElseThrow();
        assertThat(board.office()).isEqualTo(Office.BOARD_SEAT);
        assertThat(board.scopeType()).isEqualTo(ScopeType.STATEWIDE);
        assertThat(board.electionDay()).as("its calendar window is open now").isEqualTo(LocalDate.of(2026, 12, 1).plusDays(60));
        assertThat(board.terms()).isEqualTo(policy.terms());
        Election local = jdbi.onDemand(ElectionDao.class).find(DemoElections.LOCAL).orElseThrow();
        assertThat(local.scopeId()).isEqualTo("L1");
        assertThat(local.mailVendorId()).isEqualTo(board.mailVendorId());
        // The demo's candidate can inspect the list now: within the 30 days before election day, no mail ballot.
        assertThat(local.ballotsMailedOn()).isNull();
        assertThat(local.electionDay()).isAfter(LocalDate.of(2026, 12, 1))
                .isBeforeOrEqualTo(LocalDate.of(2026, 12, 1).plusDays(30));
    }
}
