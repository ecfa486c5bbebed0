package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
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

    static final Path BUNDLED = Path.of("policies");

    @TempDir
    Path dir;

    Policy load() {
        return PolicyLoader.load(PolicySource.directory(dir), MemberCsv.COLUMNS);
    }

    void copyWith(String file, String from, String to) throws IOException {
        for (String name : PolicyLoader.FILES) {
            Files.writeString(dir.resolve(name), Files.readString(BUNDLED.resolve(name)));
        }
        String text = Files.readString(dir.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }

    @Test
    void theBundledPolicyReleasesVotingRecordsWithoutContactFields() {
        Policy policy = PolicyLoader.load(PolicySource.directory(BUNDLED), MemberCsv.COLUMNS);
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
