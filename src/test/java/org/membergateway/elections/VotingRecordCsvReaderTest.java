package org.membergateway.elections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.membergateway.members.ImportException;

/** The voting-records CSV read through the shared strict input: its own line limit, and the same refusals as members. */
class VotingRecordCsvReaderTest {

    private static final String HEADER = "election_id,member_id,voted,method\r\n";

    private static List<VotingRecord> read(byte[] csv) {
        List<VotingRecord> records = new ArrayList<>();
        try (VotingRecordCsvReader reader = VotingRecordCsvReader.open(new ByteArrayInputStream(csv), 100)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    private static List<VotingRecord> read(String csv) {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aByteOrderMarkAndBlankLinesAreSkippedWithExactLineNumbers() {
        List<VotingRecord> records = read("\uFEFF" + HEADER + "\r\n2026-statewide,M1,true,MAIL\r\n");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).line()).isEqualTo(3);
        assertThat(records.get(0).method()).isEqualTo(VotingMethod.MAIL);
    }

    @Test
    void aLineLongerThanTheVotingLimitIsRefusedNamingItsLine() {
        String longLine = "2026-statewide,M" + "1".repeat(VotingRecordCsvReader.MAX_LINE_CHARS) + ",true,MAIL\r\n";
        assertThatThrownBy(() -> read(HEADER + longLine)).isInstanceOf(ImportException.class)
                .hasMessage("line 2: line longer than 1024 characters");
    }

    @Test
    void aFileStartingWithAByteThatIsNotUtf8IsTheSendersToFix() {
        byte[] csv = (HEADER).getBytes(StandardCharsets.UTF_8);
        csv[0] = (byte) 0xFF;
        assertThatThrownBy(() -> read(csv)).isInstanceOf(ImportException.class)
                .hasMessage("line 1: the file is not valid UTF-8");
    }

    @Test
    void unknownHeaderCellsAreNamedByPositionNeverByText() {
        assertThatThrownBy(() -> read("election_id,member_id,voted,method,M123\r\n")).isInstanceOf(ImportException.class)
                .hasMessage("line 1: the header must have exactly the columns election_id,member_id,voted,method;"
                        + " not a column name at position 5");
    }
}
