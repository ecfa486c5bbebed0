package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.membergateway.policy.AccessRequest.Filters;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.RowSet;

/** How a VOTING_DATA decision becomes SQL: one named election's records, joined to members, the election bound. */
class VotingRecordSelectionTest {

    static final String HOSTILE = "E1' OR '1'='1";

    static MemberSelection voting(String election) {
        return new MemberSelection(PlacedScope.region("R3"), Audience.MEMBERS, RowSet.VOTING_RECORDS,
                new Filters(null, null, election), Channel.MAIL, List.of("last_name", "voted"));
    }

    @Test
    void theElectionIsABoundParameterNeverPartOfTheSql() {
        MemberSelection selection = voting(HOSTILE);
        assertThat(selection.parameters()).containsEntry("election_id", HOSTILE).containsEntry("scope_id", "R3");
        for (String sql : List.of(selection.countSql(), selection.reachSql(), selection.selectSql(List.of("last_name", "voted")),
                selection.copySql(List.of("last_name", "method")))) {
            assertThat(sql).contains("FROM members JOIN voting_records USING (member_id)").doesNotContain(HOSTILE)
                    .doesNotContain("'1'");
        }
        assertThat(selection.countSql()).contains("election_id = :election_id");
        assertThat(selection.copySql(List.of("voted"))).contains("election_id = current_setting('member_gateway.selection_election_id')")
                .contains("voted::text AS voted");
    }

    @Test
    void withoutANamedElectionThereIsNoSelection() {
        assertThatThrownBy(() -> voting(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVotingRecordFieldIsNotAColumnOfAnyOtherSelection() {
        MemberSelection members = new MemberSelection(PlacedScope.region("R3"), Audience.MEMBERS, RowSet.ALL, null,
                Channel.MAIL, List.of("last_name"));
        assertThatThrownBy(() -> members.selectSql(List.of("last_name", "voted"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(members.countSql()).doesNotContain("voting_records");
        assertThat(members.parameters()).doesNotContainKey("election_id");
    }
}
