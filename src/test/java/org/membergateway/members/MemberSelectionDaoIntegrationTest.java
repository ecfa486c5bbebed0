package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.MemberCounts;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.RowSet;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/**
 * Member selections run against a real PostgreSQL: counts (row caps), the form's check, a page's
 * rows and an export's COPY agree on who is reachable, missing values being NULL or empty.
 */
class MemberSelectionDaoIntegrationTest {

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;
    private static MemberSelectionDao dao;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
        dao = new MemberSelectionDao(jdbi);
        UnionFixture.in(database.superuser()).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "STATE_AGENCIES");
        // Six members of L083 with different ways to reach them; one of L084 reachable every way.
        database.superuser().useHandle(h -> {
            member(h, "A1", "L083", "a1@home.example", "a1@work.example", "503-555-0101", null, true);
            member(h, "A2", "L083", null, "a2@work.example", null, "503-555-0102", false);
            member(h, "A3", "L083", "", null, "", "", true);
            member(h, "A4", "L083", null, null, null, null, false);
            member(h, "A5", "L083", "a5@home.example", null, null, null, true);
            member(h, "A6", "L083", null, null, "503-555-0106", null, false);
            h.execute("UPDATE members SET home_street = '1 Main St', home_city = 'Salem', home_state = 'OR', home_zip = '97301'"
                    + " WHERE member_id IN ('A1', 'A4')");
            h.execute("UPDATE members SET home_street = '2 Main St', home_city = 'Salem', home_state = 'OR'"
                    + " WHERE member_id = 'A2'");
            member(h, "B1", "L084", "b1@home.example", "b1@work.example", "503-555-0201", "503-555-0202", true);
            h.execute("UPDATE members SET home_street = '3 Main St', home_city = 'Salem', home_state = 'OR', home_zip = '97302'"
                    + " WHERE member_id = 'B1'");
        });
    }

    static void member(Handle h, String id, String local, String homeEmail, String workEmail, String homePhone,
                       String mobilePhone, boolean steward) {
        h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email, work_email, home_phone, mobile_phone, steward, worksite, employer)
                VALUES (?, 'First ' || ?, 'Last ' || ?, ?, 'R3', 'STATE_AGENCIES', 'MEMBER', ?, ?, ?, ?, ?, 'Capitol', 'State')""",
                id, id, id, local, homeEmail, workEmail, homePhone, mobilePhone, steward);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    static AccessRequest request(Purpose purpose, Channel channel, String... fields) {
        return new AccessRequest(purpose, null, PlacedScope.local("L083", "R3", "STATE_AGENCIES"), null, Audience.MEMBERS,
                channel, List.of(fields), "test");
    }

    static List<String> ids(AccessRequest request, RowSet rows) {
        return dao.read(MemberSelection.of(request, rows), List.of("member_id"), 100).stream().map(r -> r.get(0)).toList();
    }

    @Test
    void byEmailOnlyMembersWithAnAddressAmongTheRequestedOnes() {
        AccessRequest both = request(Purpose.LOCAL_COMMUNICATION, Channel.EMAIL, "first_name", "home_email", "work_email");
        assertThat(ids(both, RowSet.ALL)).containsExactly("A1", "A2", "A5");
        assertThat(dao.count(both, RowSet.ALL)).isEqualTo(3);
        assertThat(dao.reach(both, RowSet.ALL)).isEqualTo(new MemberCounts.Reach(6, 3));
        AccessRequest home = request(Purpose.LOCAL_COMMUNICATION, Channel.EMAIL, "first_name", "home_email");
        assertThat(ids(home, RowSet.ALL)).as("A2 has only a work address, A3 an empty one").containsExactly("A1", "A5");
        assertThat(dao.reach(home, RowSet.ALL)).isEqualTo(new MemberCounts.Reach(6, 2));
    }

    @Test
    void byPhoneOnlyMembersWithANumberAmongTheRequestedOnes() {
        AccessRequest phones = request(Purpose.LOCAL_COMMUNICATION, Channel.PHONE, "first_name", "home_phone", "mobile_phone");
        assertThat(ids(phones, RowSet.ALL)).containsExactly("A1", "A2", "A6");
        AccessRequest mobile = request(Purpose.LOCAL_COMMUNICATION, Channel.PHONE, "first_name", "mobile_phone");
        assertThat(ids(mobile, RowSet.ALL)).containsExactly("A2");
    }

    @Test
    void byMailOnlyMembersWithACompleteHomeAddress() {
        AccessRequest mail = request(Purpose.LOCAL_COMMUNICATION, Channel.MAIL, "first_name", "home_street", "home_city",
                "home_state", "home_zip");
        assertThat(ids(mail, RowSet.ALL)).as("A2 has no ZIP code").containsExactly("A1", "A4");
        assertThat(dao.reach(mail, RowSet.ALL)).isEqualTo(new MemberCounts.Reach(6, 2));
        AccessRequest leaders = request(Purpose.WORKSITE_LEADERS, Channel.MAIL, "first_name", "worksite", "employer");
        assertThat(dao.reach(leaders, RowSet.LOCAL_LEADERS)).as("by mail at their worksites: every leader")
                .isEqualTo(new MemberCounts.Reach(3, 3));
    }

    @Test
    void theRowSetAndTheChannelNarrowTogether() {
        AccessRequest leaders = request(Purpose.LEADERSHIP_CONTACTS, Channel.EMAIL, "first_name", "work_email");
        assertThat(ids(leaders, RowSet.LOCAL_LEADERS)).as("stewards A1, A3, A5; only A1 has a work email")
                .containsExactly("A1");
        assertThat(dao.reach(leaders, RowSet.LOCAL_LEADERS)).isEqualTo(new MemberCounts.Reach(3, 1));
    }

    @Test
    void anExportsCopyHoldsTheSameRowsAsTheCount() throws Exception {
        AccessRequest email = request(Purpose.LOCAL_COMMUNICATION, Channel.EMAIL, "member_id", "home_email", "work_email");
        MemberSelection selection = MemberSelection.of(email, RowSet.ALL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long copied;
        try (Handle reader = jdbi.open()) {
            copied = MemberSelectionDao.copyCsv(reader, selection, email.fields(), out);
        }
        assertThat(copied).isEqualTo(dao.count(email, RowSet.ALL)).isEqualTo(3);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("member_id,home_email,work_email");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, 2))
                .containsExactlyInAnyOrder("A1", "A2", "A5");
        // The members seed records are made from: the selection's, every field, the same for the same salt.
        List<java.util.Map<String, String>> sample = dao.sample(selection, "salt", 64);
        assertThat(sample).extracting(m -> m.get("member_id")).containsExactlyInAnyOrder("A1", "A2", "A5");
        assertThat(sample).allSatisfy(m -> assertThat(m).containsEntry("local_id", "L083")
                .containsKeys(org.membergateway.members.MemberCsv.COLUMNS.toArray(String[]::new)));
        assertThat(dao.sample(selection, "salt", 64)).isEqualTo(sample);
        assertThat(dao.sample(selection, "salt", 2)).hasSize(2);
        assertThat(dao.existingMemberIds(List.of("A1", "Z9"))).containsExactly("A1");
    }

    /**
     * Filter values reach PostgreSQL as bound parameters, never as quoted literals: with
     * {@code standard_conforming_strings} off a backslash escapes a quote, and a value quoted for
     * "on" would end its string early and run the rest as SQL.
     */
    @Test
    void filterValuesAreBoundSoTheStringSettingCannotOpenTheQuery() throws Exception {
        String name = database.url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        database.superuser().useHandle(h -> {
            h.execute("ALTER DATABASE \"" + name + "\" SET standard_conforming_strings = off");
            h.execute("UPDATE members SET worksite = ?, classification = ? WHERE member_id = 'A5'", "O'Neil \\ Hall", "A\\'");
        });
        try {
            Jdbi legacy = org.membergateway.db.GatewayDatabase.jdbi(TestDatabases.dataSource(database.url(), TestDatabases.APP_ROLE));
            String setting = legacy.withHandle(h -> h.createQuery("SHOW standard_conforming_strings").mapTo(String.class).one());
            assertThat(setting).isEqualTo("off");
            MemberSelectionDao onLegacy = new MemberSelectionDao(legacy);
            for (String hostile : List.of("x\\' OR true --", "x\\' OR local_id <> '")) {
                AccessRequest request = filtered(new AccessRequest.Filters(hostile, null));
                assertThat(onLegacy.count(request, RowSet.ALL)).as(hostile).isZero();
                assertThat(onLegacy.reach(request, RowSet.ALL).inScope()).as(hostile).isZero();
                MemberSelection selection = MemberSelection.of(request, RowSet.ALL);
                assertThat(onLegacy.read(selection, List.of("member_id"), 100)).as(hostile).isEmpty();
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                try (Handle reader = legacy.open()) {
                    assertThat(MemberSelectionDao.copyCsv(reader, selection, List.of("member_id"), csv)).as(hostile).isZero();
                }
            }
            // Quotes and backslashes in a value are matched as they are.
            AccessRequest exact = filtered(new AccessRequest.Filters("O'Neil \\ Hall", "A\\'"));
            assertThat(onLegacy.count(exact, RowSet.ALL)).isEqualTo(1);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            try (Handle reader = legacy.open()) {
                MemberSelectionDao.copyCsv(reader, MemberSelection.of(exact, RowSet.ALL), List.of("member_id"), csv);
            }
            assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("member_id\nA5\n");
        } finally {
            database.superuser().useHandle(h -> {
                h.execute("ALTER DATABASE \"" + name + "\" RESET standard_conforming_strings");
                h.execute("UPDATE members SET worksite = 'Capitol', classification = NULL WHERE member_id = 'A5'");
            });
        }
    }

    static AccessRequest filtered(AccessRequest.Filters filters) {
        return new AccessRequest(Purpose.LOCAL_COMMUNICATION, null, PlacedScope.local("L083", "R3", "STATE_AGENCIES"), filters,
                Audience.MEMBERS, Channel.EMAIL, List.of("first_name"), "test");
    }
}
