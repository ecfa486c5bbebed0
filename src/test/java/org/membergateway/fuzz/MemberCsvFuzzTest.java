package org.membergateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.membergateway.members.ImportException;
import org.membergateway.members.MemberCsv;
import org.membergateway.members.MemberCsvReader;

/**
 * Fuzz target (b): bytes as a members file for {@code POST /members/import}, through the reader and
 * validator the importer uses ({@link MemberCsvReader#open(java.io.InputStream, long)}, strict
 * UTF-8), every row read to the end as the importer does.
 *
 * <p>Property: a file is either read to its end or refused with an {@link ImportException} (the
 * importer's 400 naming line and column); no other exception; a refusal has a message, a line that is
 * not negative, a column that is one of the contract's, and repeats no cell of the file (cells of
 * 8 characters or more that are not the reader's own words). Memory per record is bounded by the
 * reader's line limit; the long run's libFuzzer limits check that too.
 */
class MemberCsvFuzzTest {

    /** The reader's own words, which a refusal may contain whatever the file holds. */
    private static final String VOCABULARY = String.join(",", MemberCsv.COLUMNS)
            + " the file is empty; expected a header row with the columns the header names this column twice"
            + " the header must have exactly the columns ; missing: not a column name at positions and more"
            + " (is the header row missing, or were the lines joined? send the file with curl --data-binary, not -d)"
            + " the file is not valid UTF-8 line longer than characters malformed CSV (a quoted field is not closed,"
            + " or a quote appears inside an unquoted field) more than rows in one import; split the file expected"
            + " fields, found contains a control character (line break or tab) inside the value is required"
            + " must be 1 to 32 letters, digits, '_' or '-' expected a ZIP code like 97301 or 97301-1234"
            + " expected a phone number of 7 to 32 digits and + ( ) - . x expected a two-letter state code"
            + " expected an email address (name@domain, at most 254 characters) expected true or false"
            + " expected one of MEMBER, FAIR_SHARE, NON_MEMBER, RETIRED expected an ISO-8601 date (YYYY-MM-DD)"
            + " must be between 1900-01-01 and today";

    @FuzzTest(maxDuration = "10m")
    void membersFile(byte[] data) {
        try (MemberCsvReader reader = MemberCsvReader.open(new ByteArrayInputStream(data), 100)) {
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (ImportException e) {
            check(e, data);
        }
    }

    static void check(ImportException e, byte[] data) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            throw new AssertionError("a refusal without a message");
        }
        if (e.line() < 0) {
            throw new AssertionError("a negative line number");
        }
        if (e.column() != null && !MemberCsv.COLUMNS.contains(e.column())) {
            throw new AssertionError("a column that is not one of the contract's");
        }
        String text = new String(data, StandardCharsets.UTF_8);
        for (String cell : text.split("[,\"\\r\\n]")) {
            // Punctuation around a cell is not the cell ("home_email;" is a column name and a ';').
            String value = cell.strip().replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "");
            if (value.length() >= 8 && message.contains(value) && !VOCABULARY.contains(value)) {
                throw new AssertionError("the refusal repeats a cell of the file");
            }
        }
    }
}
