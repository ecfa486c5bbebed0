package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.TestDatabases.one;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/** The union's structure and what others ask of the member table, against a real PostgreSQL. */
class UnionDaoIntegrationTest {

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;
    private static UnionDao union;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
        union = jdbi.onDemand(UnionDao.class);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.superuser().useHandle(h -> h.execute("TRUNCATE members, locals, regions, employer_groups CASCADE"));
    }

    @Test
    void addingStructureAgainKeepsTheNamesAndPlacesAlreadyThere() {
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
        union.addRegions(List.of(new UnionDao.NamedId("R1", "Renamed"), new UnionDao.NamedId("R3", "Region three")));
        union.addEmployerGroups(List.of(new UnionDao.NamedId("EG1", "Renamed")));
        union.addLocals(List.of(new LocalUnit("L1", "Renamed", "R3", "EG2")));

        assertThat(one(jdbi, "SELECT name FROM regions WHERE id = 'R1'", String.class)).isEqualTo("Region R1");
        assertThat(one(jdbi, "SELECT name FROM regions WHERE id = 'R3'", String.class)).isEqualTo("Region three");
        assertThat(one(jdbi, "SELECT name FROM employer_groups WHERE id = 'EG1'", String.class)).isEqualTo("Group EG1");
        assertThat(one(jdbi, "SELECT name FROM locals WHERE id = 'L1'", String.class)).isEqualTo("Local L1");
        assertThat(union.local("L1")).contains(new UnionDao.LocalPlacement("R1", "EG1"));
        union.addLocals(List.of());
    }

    @Test
    void placesAndChecksScopeIds() {
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
        assertThat(union.local("L2")).contains(new UnionDao.LocalPlacement("R2", "EG2"));
        assertThat(union.local("L9")).isEmpty();
        assertThat(union.regionExists("R2")).isTrue();
        assertThat(union.regionExists("L1")).isFalse();
        assertThat(union.employerGroupExists("EG1")).isTrue();
        assertThat(union.employerGroupExists("R1")).isFalse();
    }

    @Test
    void membersAreCountedAndFoundById() {
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
        assertThat(union.anyMember()).isFalse();
        assertThat(union.memberCount()).isZero();
        UnionFixture.in(jdbi).member("M2", "L1");
        UnionFixture.in(jdbi).member("M3", "L2");
        assertThat(union.anyMember()).isTrue();
        assertThat(union.memberCount()).isEqualTo(2);
        assertThat(union.memberExists("M2")).isTrue();
        assertThat(union.memberExists("M9")).isFalse();
    }

    @Test
    void theFirstLocalComesWithItsFirstMember() {
        assertThat(union.firstLocal()).isEmpty();
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
        assertThat(union.firstLocal()).contains(new UnionDao.FirstLocal("L1", "R1", "EG1", null));
        UnionFixture.in(jdbi).member("M7", "L1");
        UnionFixture.in(jdbi).member("M5", "L1");
        UnionFixture.in(jdbi).member("M1", "L2");
        UnionDao.FirstLocal first = union.firstLocal().orElseThrow();
        assertThat(first).isEqualTo(new UnionDao.FirstLocal("L1", "R1", "EG1", "M5"));
        assertThat(first.toString()).doesNotContain("M5");
    }
}
