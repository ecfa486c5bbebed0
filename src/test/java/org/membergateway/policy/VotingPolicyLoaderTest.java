package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.members.MemberCsv;

/**
 * The guards that keep membership voting data from becoming a contact list by an edit of the
 * policy files: a purpose over voting records may have no contact field, only such a purpose may
 * be an entitlement, and a voting record's fields belong to that row set alone.
 */
class VotingPolicyLoaderTest {

    @TempDir
    Path dir;

    Policy load() {
        return EditedPolicy.load(dir);
    }

    void copyWith(String file, String from, String to) throws IOException {
        EditedPolicy.copyWith(dir, file, from, to);
    }

    @Test
    void theBundledPolicyReleasesVotingRecordsWithoutContactFields() {
        Policy policy = EditedPolicy.load(EditedPolicy.BUNDLED);
        Policy.PurposeRule voting = policy.purposes().get(Purpose.VOTING_DATA);
        assertThat(voting.rows()).isEqualTo(RowSet.VOTING_RECORDS);
        assertThat(voting.entitlement()).isTrue();
        for (Channel channel : Channel.values()) {
            assertThat(policy.fields().allowed(Purpose.VOTING_DATA, channel)).contains(
                    List.of("first_name", "last_name", "local_id", "worksite", "election_id", "voted", "method"));
        }
        assertThat(policy.fields().memberFields()).isEqualTo(MemberCsv.COLUMNS);
        assertThat(policy.fields().fields()).contains("election_id", "voted", "method");
        assertThat(policy.fields().recordFields()).containsEntry("election_id", RowSet.VOTING_RECORDS)
                .containsEntry("voted", RowSet.VOTING_RECORDS).containsEntry("method", RowSet.VOTING_RECORDS);
    }

    @Test
    void aContactFieldForVotingDataStopsTheGateway() throws IOException {
        copyWith("fields.yml", "MAIL:  [first_name, last_name, local_id, worksite, election_id, voted, method]",
                "MAIL:  [first_name, last_name, home_street, local_id, worksite, election_id, voted, method]");
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageContaining("purposes.VOTING_DATA.rows").hasMessageContaining("home_street");
    }

    @Test
    void membershipStatusForVotingDataStopsTheGatewayToo() throws IOException {
        copyWith("fields.yml", "PHONE: [first_name, last_name, local_id, worksite, election_id, voted, method]",
                "PHONE: [first_name, last_name, local_id, worksite, election_id, voted, method, membership_status]");
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class).hasMessageContaining("membership_status");
    }

    @Test
    void anotherPurposeCannotBeAnEntitlement() throws IOException {
        copyWith("rules.yml", "    rows: LOCAL_LEADERS\n", "    rows: LOCAL_LEADERS\n    entitlement: true\n");
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageContaining("purposes.LEADERSHIP_CONTACTS.entitlement");
    }

    @Test
    void aVotingRecordFieldBelongsToVotingRecordsOnly() throws IOException {
        copyWith("fields.yml", "EMAIL: [first_name, last_name, work_email, worksite, local_id]",
                "EMAIL: [first_name, last_name, work_email, worksite, local_id, voted]");
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageContaining("purposes.LEADERSHIP_CONTACTS.rows").hasMessageContaining("voted");
    }
}
