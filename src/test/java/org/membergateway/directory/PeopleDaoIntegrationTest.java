package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Role;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/** People, roles and scopes against a real PostgreSQL, as the application role. */
class PeopleDaoIntegrationTest {

    static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo";
    static final String OTHER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$b3RoZXJoYXNo";

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;
    private static PeopleDao people;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
        people = jdbi.onDemand(PeopleDao.class);
        UnionFixture.in(jdbi).local("L1", "R1", "EG1").local("L2", "R2", "EG2");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void empty() {
        // People cascade to their roles, scopes and candidacies; campaigns name an owner.
        database.superuser().useHandle(h -> h.execute("DELETE FROM campaigns; DELETE FROM people"));
    }

    private static long insert(String username) {
        return people.insert(username, "Ana Reyes", HASH, null).orElseThrow();
    }

    private static final java.time.OffsetDateTime SINCE = java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z");

    /** ACTIVE grants without end, as the directory makes them before anyone confirms. */
    private static void grant(long id, Role... roles) {
        for (Role role : roles) {
            people.roleGrants().insert(id, role, SINCE, null, GrantStatus.ACTIVE, "test", SINCE, null, null);
        }
    }

    private static Set<Role> rolesNow(PersonGrants grants) {
        return grants.rolesAt(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void aPersonReadsBackWithRolesAndScopesSortedAndTheSameGrants() {
        long id = insert("ana");
        grant(id, Role.STEWARD, Role.ADMIN, Role.LOCAL_PRESIDENT);
        people.replaceScopes(id, List.of("L1"), List.of("R2", "R1"), List.of("EG1"));

        PeopleDao.PersonRow row = people.person("ana").orElseThrow();
        assertThat(row.username()).isEqualTo("ana");
        assertThat(row.displayName()).isEqualTo("Ana Reyes");
        assertThat(row.disabled()).isFalse();
        assertThat(row.locals()).containsExactly("L1");
        assertThat(row.regions()).containsExactly("R1", "R2");
        assertThat(row.employerGroups()).containsExactly("EG1");
        assertThat(row.memberId()).isNull();
        assertThat(row.openpgpFingerprint()).isNull();

        PersonGrants grants = people.grants(id).orElseThrow();
        assertThat(rolesNow(grants)).containsExactlyInAnyOrder(Role.ADMIN, Role.LOCAL_PRESIDENT, Role.STEWARD);
        assertThat(grants.terms()).allSatisfy(t -> assertThat(t.until()).isNull());
        assertThat(grants.locals()).containsExactly("L1");
        assertThat(grants.regions()).containsExactlyInAnyOrder("R1", "R2");
        assertThat(grants.employerGroups()).containsExactly("EG1");
        assertThat(people.grants(id + 1000)).isEmpty();
        people.setDisabled(id, true);
        assertThat(people.grants(id)).as("a disabled person is granted nothing").isEmpty();
        assertThat(people.account("ana").orElseThrow().disabled()).isTrue();
    }

    @Test
    void replacingRolesAndScopesLeavesNoneOfTheOldOnes() {
        long id = insert("ana");
        people.replaceScopes(id, List.of("L1"), List.of("R1", "R2"), List.of("EG1", "EG2"));
        people.replaceScopes(id, List.of(), List.of("R2"), List.of());

        PersonGrants grants = people.grants(id).orElseThrow();
        assertThat(grants.locals()).isEmpty();
        assertThat(grants.regions()).containsExactly("R2");
        assertThat(grants.employerGroups()).isEmpty();
    }

    @Test
    void aTakenUsernameInsertsNothing() {
        long id = insert("ana");
        assertThat(people.insert("ana", "Someone Else", OTHER_HASH, null)).isEmpty();
        assertThat(people.id("ana")).contains(id);
        assertThat(people.account("ana").orElseThrow().passwordHash()).isEqualTo(HASH);
        assertThat(people.id("nobody")).isEmpty();
    }

    @Test
    void theSecurityStampRisesWithEveryBumpAndPasswordReset() {
        long id = insert("ana");
        assertThat(people.securityStamp(id)).contains(1L);
        people.bumpSecurityStamp("ana");
        assertThat(people.securityStamp(id)).contains(2L);
        people.bumpSecurityStamp("somebody-else");
        assertThat(people.securityStamp(id)).contains(2L);

        people.resetPassword(id, null, OTHER_HASH);
        Account account = people.account("ana").orElseThrow();
        assertThat(account.securityStamp()).isEqualTo(3);
        assertThat(account.passwordHash()).isEqualTo(OTHER_HASH);
        assertThat(people.displayName("ana")).as("null keeps the name").contains("Ana Reyes");

        people.resetPassword(id, "Ana María Reyes", HASH);
        assertThat(people.displayName("ana")).contains("Ana María Reyes");
        assertThat(people.securityStamp(id)).contains(4L);
        assertThat(people.securityStamp(id + 1000)).isEmpty();
    }

    @Test
    void aRehashReplacesOnlyTheHashItReplacesAndKeepsSignInsValid() {
        long id = insert("ana");
        people.rehash(id, OTHER_HASH, OTHER_HASH.replace("b3RoZXJoYXNo", "bmV3"));
        assertThat(people.account("ana").orElseThrow().passwordHash()).as("not the stored hash: no change")
                .isEqualTo(HASH);
        people.rehash(id, HASH, OTHER_HASH);
        Account account = people.account("ana").orElseThrow();
        assertThat(account.passwordHash()).isEqualTo(OTHER_HASH);
        assertThat(account.securityStamp()).isEqualTo(1);
    }

    @Test
    void anyPersonWithRoleAndDisplayName() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.parse("2026-12-01T00:00:00Z");
        assertThat(people.roleGrants().anyoneHolds(Role.ADMIN, now)).isFalse();
        long id = insert("ana");
        grant(id, Role.STAFF);
        assertThat(people.roleGrants().anyoneHolds(Role.ADMIN, now)).isFalse();
        assertThat(people.roleGrants().anyoneHolds(Role.STAFF, now)).isTrue();
        assertThat(people.roleGrants().anyoneHolds(Role.STAFF, SINCE.minusDays(1))).as("before its term").isFalse();
        assertThat(people.displayName("ana")).contains("Ana Reyes");
        assertThat(people.displayName("nobody")).isEmpty();
    }

    @Test
    void createdAtIsInUtcWhateverTheMachinesZone() {
        insert("ana");
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(people.person("ana").orElseThrow().createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void secretsAndMemberIdsStayOutOfToString() {
        long id = insert("ana");
        assertThat(people.account("ana").orElseThrow().toString()).doesNotContain("argon2");
        PersonGrants grants = PersonGrants.of("ana", "Ana", Set.of(Role.MEMBER), Set.of(), Set.of(), Set.of(), "M123");
        assertThat(grants.toString()).contains("ana").doesNotContain("M123");
        assertThat(people.person("ana").orElseThrow().toString()).isEqualTo("PersonRow[ana]");
        assertThat(id).isPositive();
    }
}
