package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.membergateway.demo.SyntheticUnion;

class MemberCsvTest {

    private static final String HEADER = "member_id,first_name,last_name,local_id,region,employer_group,employer,"
            + "worksite,classification,membership_status,cape_contributor,home_street,home_city,home_state,"
            + "home_zip,home_phone,mobile_phone,home_email,work_email,birth_date,preferred_language,"
            + "worksite_leader,steward";

    @Test
    void columnsAreTheContractsColumnsInOrder() {
        assertThat(String.join(",", MemberCsv.COLUMNS)).isEqualTo(HEADER);
        assertThat(MemberCsv.COLUMNS).hasSize(23).doesNotHaveDuplicates();
    }

    @Test
    void writesHeaderThenRowsWithCrlf() throws IOException {
        StringWriter out = new StringWriter();
        MemberCsv.write(new SyntheticUnion(5, 3).members(), out);
        String csv = out.toString();
        assertThat(csv).startsWith(HEADER + "\r\n").endsWith("\r\n");
        assertThat(csv.split("\r\n", -1)).hasSize(5);   // header, 3 rows, empty after the last CRLF
    }

    @Test
    void roundTripsThroughCommonsCsv() throws IOException {
        List<MemberRow> rows = new ArrayList<>();
        new SyntheticUnion(11, 500).members().forEachRemaining(rows::add);
        rows.add(awkwardRow());

        StringWriter out = new StringWriter();
        MemberCsv.write(rows.iterator(), out);

        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString()))) {
            assertThat(parser.getHeaderNames()).isEqualTo(MemberCsv.COLUMNS);
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String[] expected = MemberCsv.values(rows.get(i));
                CSVRecord record = records.get(i);
                assertThat(record.size()).isEqualTo(23);
                for (int c = 0; c < 23; c++) {
                    // Empty fields come back as "", which is how null is written.
                    String want = expected[c] == null ? "" : expected[c];
                    assertThat(record.get(c)).as("row %d column %s", i, MemberCsv.COLUMNS.get(c)).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void valuesFormatsTypesAndNulls() {
        String[] v = MemberCsv.values(awkwardRow());
        assertThat(v).hasSize(23);
        assertThat(v[9]).isEqualTo("FAIR_SHARE");
        assertThat(v[10]).isEqualTo("true");
        assertThat(v[15]).isNull();
        assertThat(v[18]).isNull();
        assertThat(v[19]).isEqualTo("1970-03-09");
        assertThat(v[21]).isEqualTo("false");
        assertThat(v[22]).isEqualTo("true");
        assertThat(MemberCsv.values(withoutBirthDate())[19]).isNull();
    }

    @Test
    void emptyIteratorWritesOnlyTheHeader() throws IOException {
        StringWriter out = new StringWriter();
        MemberCsv.write(Collections.<MemberRow>emptyIterator(), out);
        assertThat(out.toString()).isEqualTo(HEADER + "\r\n");
    }

    /** Commas, quotes and non-ASCII letters, which must survive quoting. */
    private static MemberRow awkwardRow() {
        return new MemberRow("M99999999", "José", "O'Brien, \"Jr.\"", "L083", "R2", "STATE_AGENCIES",
                "Oregon Department of Human Services", "DHS Salem Field Office 3", "Office Specialist 2",
                MembershipStatus.FAIR_SHARE, true, "1234 SE Division St", "Salem", "OR", "97301",
                null, "(503) 555-0142", "jose.obrien.1234@example.com", null, LocalDate.of(1970, 3, 9),
                "Spanish", false, true);
    }

    private static MemberRow withoutBirthDate() {
        MemberRow r = awkwardRow();
        return new MemberRow(r.memberId(), r.firstName(), r.lastName(), r.localId(), r.region(), r.employerGroup(),
                r.employer(), r.worksite(), r.classification(), r.membershipStatus(), r.capeContributor(),
                r.homeStreet(), r.homeCity(), r.homeState(), r.homeZip(), r.homePhone(), r.mobilePhone(),
                r.homeEmail(), r.workEmail(), null, r.preferredLanguage(), r.worksiteLeader(), r.steward());
    }
}
