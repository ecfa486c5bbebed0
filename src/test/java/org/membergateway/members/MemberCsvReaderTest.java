package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemberCsvReaderTest {

    static final String HEADER = String.join(",", MemberCsv.COLUMNS) + "\r\n";

    /** A valid row; {@code override} replaces the value of one column. */
    static String row(String column, String value) {
        List<String> values = new ArrayList<>(List.of("M00000001", "José", "Nguyễn", "L083", "R2", "STATE_AGENCIES",
                "Oregon Department of Human Services", "DHS Salem", "Human Services Specialist 3", "MEMBER", "true",
                "\"1234 SE Division St, Apt 2\"", "Salem", "OR", "97301-1234", "(503) 555-0142", "(971) 555-0199",
                "jose.nguyen@example.com", "jose.nguyen@dhs.example.org", "1971-06-30", "Vietnamese", "false", "true"));
        if (column != null) {
            values.set(MemberCsv.COLUMNS.indexOf(column), value);
        }
        return String.join(",", values) + "\r\n";
    }

    static List<MemberRow> read(String csv) {
        List<MemberRow> rows = new ArrayList<>();
        try (MemberCsvReader reader = MemberCsvReader.open(new StringReader(csv), 100)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void readsEveryColumnWithItsType() {
        MemberRow row = read(HEADER + row(null, null)).get(0);
        assertThat(row.memberId()).isEqualTo("M00000001");
        assertThat(row.firstName()).isEqualTo("José");
        assertThat(row.lastName()).isEqualTo("Nguyễn");
        assertThat(row.membershipStatus()).isEqualTo(MembershipStatus.MEMBER);
        assertThat(row.capeContributor()).isTrue();
        assertThat(row.homeStreet()).isEqualTo("1234 SE Division St, Apt 2");
        assertThat(row.homeZip()).isEqualTo("97301-1234");
        assertThat(row.birthDate()).isEqualTo(LocalDate.of(1971, 6, 30));
        assertThat(row.worksiteLeader()).isFalse();
        assertThat(row.steward()).isTrue();
        assertThat(row.toString()).doesNotContain("José").contains("REDACTED");
    }

    @Test
    void emptyOptionalColumnsBecomeNull() {
        MemberRow row = read(HEADER + row("home_phone", "").replace(",1971-06-30,", ",,")).get(0);
        assertThat(row.homePhone()).isNull();
        assertThat(row.birthDate()).isNull();
    }

    @Test
    void columnsMayComeInAnyOrderAndAByteOrderMarkIsIgnored() {
        List<String> reversed = new ArrayList<>(MemberCsv.COLUMNS);
        java.util.Collections.reverse(reversed);
        List<String> values = new ArrayList<>(List.of(row(null, null).strip()
                .replace("\"1234 SE Division St, Apt 2\"", "1234 SE Division St").split(",")));
        java.util.Collections.reverse(values);
        String csv = "\uFEFF" + String.join(",", reversed) + "\n" + String.join(",", values) + "\n";
        MemberRow row = read(csv).get(0);
        assertThat(row.memberId()).isEqualTo("M00000001");
        assertThat(row.steward()).isTrue();
    }

    @Test
    void lineNumbersCountPhysicalLinesIncludingBlankOnes() {
        String csv = HEADER + row("member_id", "M1") + "\r\n" + row("member_id", "M2") + row("birth_date", "yesterday");
        assertThatThrownBy(() -> read(csv)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("line 5, column birth_date");
    }

    @Test
    void aQuotedLineBreakIsRejectedAtTheLineWhereItsRecordStarts() {
        String csv = HEADER + row("member_id", "M1")
                + row("member_id", "M2").replace("\"1234 SE Division St, Apt 2\"", "\"1234 SE Division St\r\nApt 2\"")
                + row("birth_date", "yesterday");
        assertThatThrownBy(() -> read(csv)).isInstanceOf(ImportException.class)
                .hasMessage("line 3, column home_street: contains a control character (line break or tab) inside the value");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "member_id|''|is required",
        "member_id|M 1|must be 1 to 32 letters, digits, '_' or '-'",
        "first_name|''|is required",
        "local_id|L083;DROP|must be 1 to 32 letters, digits, '_' or '-'",
        "membership_status|active|expected one of MEMBER, FAIR_SHARE, NON_MEMBER, RETIRED",
        "cape_contributor|yes|expected true or false",
        "steward|''|expected true or false",
        "home_state|Oregon|expected a two-letter state code",
        "home_zip|973011|expected a ZIP code like 97301 or 97301-1234",
        "home_phone|call me|expected a phone number of 7 to 32 digits and + ( ) - . x",
        "home_email|jose.example.com|expected an email address (name@domain, at most 254 characters)",
        "birth_date|1971-02-30|expected an ISO-8601 date (YYYY-MM-DD)",
        "birth_date|1850-01-01|must be between 1900-01-01 and today",
        "birth_date|2999-01-01|must be between 1900-01-01 and today",
    })
    void aBadValueNamesLineAndColumnButNotTheValue(String column, String value, String problem) {
        assertThatThrownBy(() -> read(HEADER + row(null, null) + row(column, value)))
                .isInstanceOf(ImportException.class)
                .hasMessage("line 3, column " + column + ": " + problem)
                .satisfies(e -> {
                    ImportException ie = (ImportException) e;
                    assertThat(ie.line()).isEqualTo(3);
                    assertThat(ie.column()).isEqualTo(column);
                    if (!value.isEmpty()) {
                        assertThat(ie.getMessage()).doesNotContain(value);
                    }
                });
    }

    @Test
    void tooLongValuesAreRejected() {
        assertThatThrownBy(() -> read(HEADER + row("last_name", "x".repeat(101))))
                .hasMessage("line 2, column last_name: longer than 100 characters");
    }

    @Test
    void controlCharactersInsideValuesAreRejected() {
        assertThatThrownBy(() -> read(HEADER + row("last_name", "\"Nguyen\nTran\"")))
                .hasMessage("line 2, column last_name: contains a control character (line break or tab) inside the value");
    }

    @Test
    void headerMustHaveExactlyTheContractColumns() {
        String missing = HEADER.replace(",steward", "");
        assertThatThrownBy(() -> read(missing)).isInstanceOf(ImportException.class)
                .hasMessageContaining("line 1").hasMessageContaining("missing: steward");
        String extra = HEADER.strip() + ",ssn\r\n";
        assertThatThrownBy(() -> read(extra)).hasMessageContaining("not a column name at position 24")
                .hasMessageNotContaining("ssn");
        String twice = HEADER.strip() + ",steward\r\n";
        assertThatThrownBy(() -> read(twice)).hasMessage("line 1, column steward: the header names this column twice");
        assertThatThrownBy(() -> read("")).hasMessageStartingWith("line 1: the file is empty");
    }

    /** The values a rejection must never repeat: every value of {@link #row}'s member. */
    static final List<String> MEMBER_VALUES = List.of("M00000001", "José", "Nguyễn", "DHS Salem", "1234 SE Division",
            "Salem", "97301-1234", "(503) 555-0142", "(971) 555-0199", "jose.nguyen@example.com",
            "jose.nguyen@dhs.example.org", "1971-06-30", "Vietnamese", "Human Services Specialist");

    @Test
    void aFileWithoutItsHeaderRowIsRejectedWithoutRepeatingTheMember() {
        assertThatThrownBy(() -> read(row(null, null) + row("member_id", "M2"))).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("line 1: the header must have exactly the columns")
                .hasMessageContaining("missing: member_id")
                .hasMessageContaining("not a column name at positions 1, 2, 3, 4, 5 and 18 more")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MEMBER_VALUES));
    }

    @Test
    void aFileWhoseLinesWereJoinedIsRejectedWithoutRepeatingTheMember() {
        // curl -d strips the line breaks: the header and the rows arrive as one line.
        String joined = (HEADER + row(null, null) + row("member_id", "M2")).replace("\r\n", "");
        assertThatThrownBy(() -> read(joined)).isInstanceOf(ImportException.class)
                .hasMessageContaining("curl --data-binary")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MEMBER_VALUES));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRejected() {
        assertThatThrownBy(() -> read(HEADER + row(null, null).strip() + ",extra\r\n"))
                .hasMessage("line 2: expected 23 fields, found 24");
    }

    @Test
    void malformedQuotingIsRejectedWithoutEchoingData() {
        String csv = HEADER + row("home_street", "\"1234 SE \"Division\" St\"");
        assertThatThrownBy(() -> read(csv)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("line 2: malformed CSV")
                .hasMessageNotContaining("Division");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bytes = (HEADER + row(null, null)).getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> {
            try (MemberCsvReader reader = MemberCsvReader.open(new ByteArrayInputStream(bytes), 10)) {
                reader.forEachRemaining(r -> { });
            }
        }).isInstanceOf(ImportException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void rowCountIsBounded() {
        String csv = HEADER + row("member_id", "M1") + row("member_id", "M2") + row("member_id", "M3");
        assertThatThrownBy(() -> {
            try (MemberCsvReader reader = MemberCsvReader.open(new StringReader(csv), 2)) {
                reader.forEachRemaining(r -> { });
            }
        }).hasMessage("line 4: more than 2 rows in one import; split the file");
    }

    @Test
    void anEndlessLineIsCutOff() {
        String csv = HEADER + row("employer", "\"" + "a".repeat(MemberCsvReader.MAX_LINE_CHARS) + "\"");
        assertThatThrownBy(() -> read(csv)).isInstanceOf(ImportException.class)
                .hasMessageContaining("line longer than " + MemberCsvReader.MAX_LINE_CHARS + " characters");
    }
}
