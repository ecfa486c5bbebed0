package org.membergateway.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.GatewayConfiguration;
import org.membergateway.auth.Role;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RowSet;
import org.membergateway.policy.RuleId;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPostgres;
import org.membergateway.testing.UnionFixture;

/** What a stored list request reads back as, on a real database. */
class ListRequestDaoIntegrationTest {

    static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    static final Approver PRESIDENT = new Approver(Role.LOCAL_PRESIDENT, ScopeType.LOCAL, "L083");
    static TestDatabases.SplitRoles db;
    static ListRequestDao dao;

    @BeforeAll
    static void setUp() {
        db = TestDatabases.openFreshWithAppRole();
        UnionFixture union = UnionFixture.in(db.superuser()).local("L083", "R3", "STATE_AGENCIES").local("L090", "R4", "SCHOOLS");
        union.person("officer83", Role.LOCAL_OFFICER, "L083");
        union.person("president83", Role.LOCAL_PRESIDENT, "L083");
        dao = db.app().onDemand(ListRequestDao.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static AccessRequest request(String local, String region) {
        return new AccessRequest(Purpose.LOCAL_COMMUNICATION, null, PlacedScope.local(local, region, "STATE_AGENCIES"),
                new AccessRequest.Filters("Salem DMV", null), Audience.MEMBERS, Channel.EMAIL,
                List.of("home_email", "first_name"), "Bargaining update");
    }

    static Decision pending() {
        return new Decision(Outcome.REQUIRE_APPROVAL, List.of(
                new Reason(RuleId.APPROVAL_REQUIRED, "confidentiality §7", "Needs the local president."),
                new Reason(RuleId.LARGE_LIST_APPROVAL, "confidentiality §9", "A large list.")),
                List.of(PRESIDENT, Approver.statewide(Role.EXECUTIVE_DIRECTOR)), null, List.of("first_name", "home_email"),
                RowSet.ALL, "sha256:test");
    }

    @Test
    void aRequestReadsBackTypedAsItWasStored() {
        long id = dao.insert("officer83", request("L083", "R3"), pending(), NOW.plusDays(14), null, null);
        ListRequest stored = dao.find(id).orElseThrow();

        assertThat(stored.requester()).isEqualTo("officer83");
        assertThat(stored.request()).isEqualTo(request("L083", "R3"));
        assertThat(stored.status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
        assertThat(stored.reasons()).isEqualTo(pending().reasons());
        assertThat(stored.approvers()).containsExactly(PRESIDENT, Approver.statewide(Role.EXECUTIVE_DIRECTOR));
        assertThat(stored.escalations()).containsExactly(RuleId.APPROVAL_REQUIRED, RuleId.LARGE_LIST_APPROVAL);
        assertThat(stored.expiresAt().toInstant()).isEqualTo(NOW.plusDays(14).toInstant());
        assertThat(stored.approval()).isNull();
        assertThat(stored.isVendorExtract()).isFalse();
    }

    @Test
    void aLocalIsPlacedWhereTheDirectoryPlacesItToday() {
        long id = dao.insert("officer83", request("L090", "R4"), pending(), NOW.plusDays(14), null, null);
        db.superuser().useHandle(h -> {
            h.execute("INSERT INTO regions (id, name) VALUES ('R9', 'Region 9')");
            h.execute("UPDATE locals SET region_id = 'R9' WHERE id = 'L090'");
        });
        assertThat(dao.find(id).orElseThrow().request().scope().region()).isEqualTo("R9");
    }

    @Test
    void anApprovalIsReadWithItsRequest() {
        long id = dao.insert("officer83", request("L083", "R3"), pending(), NOW.plusDays(14), null, null);
        db.app().useTransaction(h -> h.attach(ListRequestDao.class).recordApproval(id, "president83", true, "ok",
                List.of("APPROVAL_REQUIRED"), RequestStatus.APPROVED, NOW.plusDays(30)));
        ListRequest approved = dao.find(id).orElseThrow();
        assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved.approval().approver()).isEqualTo("president83");
        assertThat(approved.approval().note()).isEqualTo("ok");
        assertThat(approved.approval().covers()).containsExactly(org.membergateway.policy.RuleId.APPROVAL_REQUIRED);
        assertThat(approved.steps()).as("one step per escalation, stored with the request")
                .extracting(org.membergateway.policy.ApprovalStep::rule)
                .containsExactly(org.membergateway.policy.RuleId.APPROVAL_REQUIRED, org.membergateway.policy.RuleId.LARGE_LIST_APPROVAL);
        assertThat(approved.expiresAt().toInstant()).isEqualTo(NOW.plusDays(30).toInstant());
        assertThat(dao.pending(NOW, 1000)).extracting(ListRequest::id).doesNotContain(id);
    }

    @Test
    void pendingListsOnlyWhatIsStillWaitingAtTheGivenTime() {
        long soon = dao.insert("officer83", request("L083", "R3"), pending(), NOW.plusHours(1), null, null);
        long later = dao.insert("officer83", request("L083", "R3"), pending(), NOW.plusDays(3), null, null);
        assertThat(dao.pending(NOW, 1000)).extracting(ListRequest::id).contains(soon, later);
        assertThat(dao.pending(NOW.plusHours(2), 1000)).extracting(ListRequest::id).contains(later).doesNotContain(soon);
        assertThat(dao.byRequester("officer83", 1)).extracting(ListRequest::id).as("newest first").containsExactly(
                dao.byRequester("officer83", 1000).get(0).id());
    }

    @Test
    void requestsDecidedBeforeEscalationsWereStoredGetThemFromTheirReasons() {
        String url = TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE);
        Jdbi owner = GatewayDatabase.jdbi(TestDatabases.dataSource(url, "postgres"));
        Flyway.configure().dataSource(TestDatabases.dataSource(url, "postgres")).locations("classpath:db/migration")
                .placeholders(Map.of("appRole", TestDatabases.APP_ROLE, "membersOwnerRole", GatewayDatabase.MEMBERS_OWNER_ROLE))
                .target("8").load().migrate();
        UnionFixture.in(owner).local("L083", "R3", "STATE_AGENCIES").person("officer83", Role.LOCAL_OFFICER, "L083");
        owner.useHandle(h -> h.execute("""
                INSERT INTO list_requests (requester_id, purpose, scope_type, scope_id, audience, channel, fields, status,
                    policy_version, reasons, approvers, expires_at)
                SELECT id, 'LOCAL_COMMUNICATION', 'LOCAL', 'L083', 'MEMBERS', 'EMAIL', ARRAY['first_name'], s.status,
                    'sha256:old', CAST(s.reasons AS jsonb), '[]', now() + interval '1 day'
                FROM people, (VALUES
                    ('APPROVED', '[]'),
                    ('PENDING_APPROVAL', '[{"rule": "APPROVAL_REQUIRED", "clause": "c", "message": "m"},
                                           {"rule": "CANDIDATE_IN_SCOPE", "clause": "c", "message": "m"}]')) AS s(status, reasons)
                WHERE username = 'officer83'"""));
        GatewayConfiguration configuration = TestDatabases.splitRoleConfiguration(url);
        try (GatewayDatabase migrated = configuration.openDatabase()) {
            ListRequestDao upgraded = migrated.jdbi().onDemand(ListRequestDao.class);
            assertThat(upgraded.byRequester("officer83", 10)).extracting(ListRequest::status, ListRequest::escalations)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(RequestStatus.APPROVED, List.of()),
                            org.assertj.core.groups.Tuple.tuple(RequestStatus.PENDING_APPROVAL,
                                    List.of(RuleId.APPROVAL_REQUIRED, RuleId.CANDIDATE_IN_SCOPE)));
        }
    }
}
