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
 * The guards that keep board and committee members' contacts to what they published
 * (confidentiality §6): a purpose over BOARD_AND_COMMITTEE may name no member column (a mobile or
 * home number), and its published fields belong to that row set alone.
 */
class BoardPolicyLoaderTest {

    @TempDir
    Path dir;

    Policy load() {
        return EditedPolicy.load(dir);
    }

    void copyWith(String file, String from, String to) throws IOException {
        EditedPolicy.copyWith(dir, file, from, to);
    }

    @Test
    void theBundledPolicyShowsBoardMembersWithTheirPublishedFieldsOnly() {
        Policy policy = EditedPolicy.load(EditedPolicy.BUNDLED);
        Policy.PurposeRule board = policy.purposes().get(Purpose.BOARD_CONTACTS);
        assertThat(board.rows()).isEqualTo(RowSet.BOARD_AND_COMMITTEE);
        assertThat(board.clause()).isEqualTo("confidentiality §6");
        assertThat(board.candidateEscalation()).as("every member has this right").isFalse();
        assertThat(board.largeListEscalation()).as("statewide by the text").isFalse();
        assertThat(policy.fields().allowed(Purpose.BOARD_CONTACTS, Channel.EMAIL))
                .contains(List.of("display_name", "roles", "published_work_email", "published_phone"));
        assertThat(policy.fields().allowed(Purpose.BOARD_CONTACTS, Channel.PHONE))
                .contains(List.of("display_name", "roles", "published_phone"));
        assertThat(policy.fields().allowed(Purpose.BOARD_CONTACTS, Channel.MAIL)).isEmpty();
        assertThat(policy.fields().memberFields()).as("published fields are not member columns").isEqualTo(MemberCsv.COLUMNS);
    }

    @Test
    void aPersonalMobileNumberForBoardContactsStopsTheGateway() throws IOException {
        copyWith("fields.yml", "PHONE: [display_name, roles, published_phone]",
                "PHONE: [display_name, roles, published_phone, mobile_phone]");
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageContaining("purposes.BOARD_CONTACTS.rows").hasMessageContaining("mobile_phone");
    }

    @Test
    void aPublishedFieldBelongsToBoardContactsOnly() throws IOException {
        copyWith("fields.yml", "EMAIL: [first_name, last_name, work_email, worksite, local_id]",
                "EMAIL: [first_name, last_name, work_email, worksite, local_id, published_phone]");
        assertThatThrownBy(this::load).isInstanceOf(PolicyException.class)
                .hasMessageContaining("purposes.LEADERSHIP_CONTACTS.rows").hasMessageContaining("published_phone");
    }
}
