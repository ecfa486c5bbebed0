package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.RowSet;

/**
 * The SQL of a member selection: always a scope, and on a channel only the members it can reach
 * through the fields asked for (policies/README.md, "Reachable members").
 */
class MemberSelectionTest {

    static final PlacedScope L083 = PlacedScope.local("L083", "R3", "STATE_AGENCIES");
    static final String SCOPED = "local_id = :scope_id AND membership_status = 'MEMBER'";

    static MemberSelection selection(Channel channel, String... fields) {
        return new MemberSelection(L083, Audience.MEMBERS, RowSet.ALL, null, channel, List.of(fields));
    }

    @Test
    void byEmailOnlyMembersWithOneOfTheRequestedEmailAddresses() {
        assertThat(selection(Channel.EMAIL, "first_name", "home_email").where())
                .isEqualTo(SCOPED + " AND (home_email <> '')");
        assertThat(selection(Channel.EMAIL, "work_email", "first_name", "home_email").where())
                .as("either address will do, in the column order of the table, not the request")
                .isEqualTo(SCOPED + " AND (home_email <> '' OR work_email <> '')");
        assertThat(selection(Channel.EMAIL, "first_name", "work_email").countSql())
                .isEqualTo("SELECT count(*) FROM members WHERE " + SCOPED + " AND (work_email <> '')");
    }

    @Test
    void byPhoneOnlyMembersWithOneOfTheRequestedPhoneNumbers() {
        assertThat(selection(Channel.PHONE, "first_name", "mobile_phone").where())
                .isEqualTo(SCOPED + " AND (mobile_phone <> '')");
        assertThat(selection(Channel.PHONE, "home_phone", "mobile_phone").selectSql(List.of("home_phone", "mobile_phone")))
                .isEqualTo("SELECT home_phone, mobile_phone FROM members WHERE " + SCOPED
                        + " AND (home_phone <> '' OR mobile_phone <> '')");
    }

    @Test
    void byMailOnlyMembersWithACompleteHomeAddressWhenTheAddressIsAskedFor() {
        String complete = " AND (home_street <> '' AND home_city <> '' AND home_state <> '' AND home_zip <> '')";
        assertThat(selection(Channel.MAIL, "first_name", "home_street", "home_city", "home_state", "home_zip").where())
                .isEqualTo(SCOPED + complete);
        assertThat(selection(Channel.MAIL, "first_name", "home_zip").where())
                .as("a part of the address asked for: it still has to be one that mail reaches").isEqualTo(SCOPED + complete);
    }

    @Test
    void withoutTheChannelsContactFieldsOrWithoutAChannelNothingIsNarrowed() {
        assertThat(selection(Channel.MAIL, "first_name", "worksite", "employer").where())
                .as("worksite leaders by mail go to their worksites").isEqualTo(SCOPED);
        assertThat(selection(Channel.EMAIL, "first_name", "last_name").where()).isEqualTo(SCOPED);
        assertThat(selection(Channel.PHONE, "home_email").where()).as("an email field does not reach a phone").isEqualTo(SCOPED);
        assertThat(selection(null, "first_name", "home_street").where()).as("a vendor extract: its agreement decides")
                .isEqualTo(SCOPED);
    }

    @Test
    void theReachQueryCountsTheScopeAndTheReachableOnesInOnePass() {
        assertThat(selection(Channel.EMAIL, "home_email").reachSql()).isEqualTo(
                "SELECT count(*) AS in_scope, count(*) FILTER (WHERE (home_email <> '')) AS reachable FROM members WHERE "
                        + SCOPED);
        assertThat(selection(Channel.MAIL, "worksite").reachSql())
                .isEqualTo("SELECT count(*) AS in_scope, count(*) AS reachable FROM members WHERE " + SCOPED);
    }

    @Test
    void aDecidedRequestCarriesItsChannelAndFieldsIntoItsSelection() {
        AccessRequest request = new AccessRequest(Purpose.LOCAL_COMMUNICATION, null, L083,
                new AccessRequest.Filters("Salem O'Hara", null), Audience.REPRESENTED_WORKERS, Channel.EMAIL,
                List.of("first_name", "work_email"), "why");
        MemberSelection selection = MemberSelection.of(request, RowSet.LOCAL_LEADERS);
        assertThat(selection.channel()).isEqualTo(Channel.EMAIL);
        assertThat(selection.requested()).containsExactly("first_name", "work_email");
        assertThat(selection.where()).isEqualTo("local_id = :scope_id"
                + " AND membership_status IN ('MEMBER', 'FAIR_SHARE', 'NON_MEMBER') AND (steward OR worksite_leader)"
                + " AND worksite = :worksite AND (work_email <> '')");
        assertThat(selection.parameters()).containsExactly(java.util.Map.entry("scope_id", "L083"),
                java.util.Map.entry("worksite", "Salem O'Hara"));
    }

    @Test
    void noValueIsWrittenIntoTheSqlNotEvenForCopy() {
        MemberSelection selection = new MemberSelection(L083, Audience.MEMBERS, RowSet.ALL,
                new AccessRequest.Filters("O'Neil \\ Hall", "A'B"), Channel.EMAIL, List.of("home_email"));
        for (String sql : List.of(selection.countSql(), selection.reachSql(), selection.selectSql(List.of("first_name")),
                selection.copySql(List.of("first_name")))) {
            assertThat(sql).doesNotContain("L083").doesNotContain("Neil").doesNotContain("A'B");
        }
        assertThat(selection.copySql(List.of("first_name"))).isEqualTo("SELECT first_name FROM members WHERE"
                + " local_id = current_setting('member_gateway.selection_scope_id') AND membership_status = 'MEMBER'"
                + " AND worksite = current_setting('member_gateway.selection_worksite')"
                + " AND classification = current_setting('member_gateway.selection_classification') AND (home_email <> '')");
        assertThat(selection.parameters()).containsOnlyKeys("scope_id", "worksite", "classification");
    }

    @Test
    void thereIsStillNoSelectionWithoutAScope() {
        assertThatThrownBy(() -> new MemberSelection(null, Audience.MEMBERS, RowSet.ALL, null, Channel.EMAIL, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("scope");
        MemberSelection statewide = new MemberSelection(PlacedScope.STATEWIDE, Audience.CAPE_CONTRIBUTORS,
                RowSet.WORKSITE_LEADERS, null, Channel.PHONE, null);
        assertThat(statewide.where()).isEqualTo("true AND cape_contributor AND worksite_leader");
        assertThat(statewide.parameters()).isEmpty();
    }
}
