package org.membergateway.members;

import java.io.InputStream;
import java.io.Reader;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and validates a members CSV (README, Members CSV) one record at a time, in constant memory.
 *
 * <p>The header must name exactly the contract's columns (in any order). Every value is checked
 * against its column's type and bounds; the first problem stops the read with an
 * {@link ImportException} naming line and column, never the value.
 */
public final class MemberCsvReader implements MemberSource, AutoCloseable {

    /** A line longer than this is not a member record; refusing it bounds memory per record. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    // Checked with small loops rather than regular expressions: this runs 20 times per row, and a
    // million-row file should import in seconds (see docs/benchmarks.md).
    private static final CharPredicate ID_CHAR = c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
            || c >= '0' && c <= '9' || c == '_' || c == '-';
    private static final CharPredicate DIGIT = c -> c >= '0' && c <= '9';
    private static final CharPredicate PHONE_CHAR = c -> c >= '0' && c <= '9' || c == '+' || c == '(' || c == ')'
            || c == '-' || c == '.' || c == ' ' || c == 'x' || c == 'X';
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private final StrictCsvInput input;
    private final int[] position = new int[MemberCsv.COLUMNS.size()];
    private final long maxRows;
    private final LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    private long rows;
    private long line;

    private MemberCsvReader(StrictCsvInput input, long maxRows) {
        this.maxRows = maxRows;
        this.input = input;
    }

    /** Reads UTF-8 strictly: a byte sequence that is not UTF-8 is an error, not a replacement character. */
    public static MemberCsvReader open(InputStream in, long maxRows) {
        return new MemberCsvReader(StrictCsvInput.open(in, MAX_LINE_CHARS), maxRows);
    }

    public static MemberCsvReader open(Reader reader, long maxRows) {
        return new MemberCsvReader(StrictCsvInput.open(reader, MAX_LINE_CHARS), maxRows);
    }

    private void readHeader() {
        // A file without its header row, or sent with curl -d (which joins every line into one), has
        // a member's values where the header should be.
        int[] found = input.header(MemberCsv.COLUMNS, " (is the header row missing, or were the lines joined? send the"
                + " file with curl --data-binary, not -d)");
        System.arraycopy(found, 0, position, 0, position.length);
        line = input.line();
    }

    private CSVRecord nextRecord() {
        CSVRecord record = input.next();
        line = input.line();
        return record;
    }

    private CSVRecord pending;
    private boolean headerRead;

    /** The header is read with the first row, so a bad header fails inside the import (and is audited). */
    @Override
    public boolean hasNext() {
        if (!headerRead) {
            headerRead = true;
            readHeader();
        }
        if (pending == null) {
            pending = nextRecord();
        }
        return pending != null;
    }

    @Override
    public MemberRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = pending;
        pending = null;
        if (++rows > maxRows) {
            throw new ImportException(line, null, "more than " + maxRows + " rows in one import; split the file");
        }
        if (record.size() != position.length) {
            throw new ImportException(line, null,
                    "expected " + position.length + " fields, found " + record.size());
        }
        return new MemberRow(
                id(record, 0),
                text(record, 1, 100, true),
                text(record, 2, 100, true),
                id(record, 3),
                id(record, 4),
                id(record, 5),
                text(record, 6, 200, false),
                text(record, 7, 200, false),
                text(record, 8, 120, false),
                status(record, 9),
                bool(record, 10),
                text(record, 11, 200, false),
                text(record, 12, 100, false),
                state(record, 13),
                zip(record, 14),
                phone(record, 15),
                phone(record, 16),
                email(record, 17),
                email(record, 18),
                birthDate(record, 19),
                text(record, 20, 40, false),
                bool(record, 21),
                bool(record, 22));
    }

    @Override
    public long line() {
        return line;
    }

    private String raw(CSVRecord record, int column) {
        String value = record.get(position[column]).strip();
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(column, "contains a control character (line break or tab) inside the value");
            }
        }
        return value;
    }

    private ImportException invalid(int column, String problem) {
        return new ImportException(line, MemberCsv.COLUMNS.get(column), problem);
    }

    private String text(CSVRecord record, int column, int maxLength, boolean required) {
        String value = raw(record, column);
        if (value.isEmpty()) {
            if (required) {
                throw invalid(column, "is required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            throw invalid(column, "longer than " + maxLength + " characters");
        }
        return value;
    }

    private String id(CSVRecord record, int column) {
        String value = raw(record, column);
        if (value.isEmpty()) {
            throw invalid(column, "is required");
        }
        if (value.length() > 32 || !all(value, 0, value.length(), ID_CHAR)) {
            throw invalid(column, "must be 1 to 32 letters, digits, '_' or '-'");
        }
        return value;
    }

    private String zip(CSVRecord record, int column) {
        String value = raw(record, column);
        if (value.isEmpty()) {
            return null;
        }
        boolean five = value.length() == 5 && all(value, 0, 5, DIGIT);
        boolean nine = value.length() == 10 && all(value, 0, 5, DIGIT) && value.charAt(5) == '-'
                && all(value, 6, 10, DIGIT);
        if (!five && !nine) {
            throw invalid(column, "expected a ZIP code like 97301 or 97301-1234");
        }
        return value;
    }

    private String phone(CSVRecord record, int column) {
        String value = raw(record, column);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() < 7 || value.length() > 32 || !all(value, 0, value.length(), PHONE_CHAR)) {
            throw invalid(column, "expected a phone number of 7 to 32 digits and + ( ) - . x");
        }
        return value;
    }

    private String state(CSVRecord record, int column) {
        String value = raw(record, column).toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() != 2 || !all(value, 0, 2, c -> c >= 'A' && c <= 'Z')) {
            throw invalid(column, "expected a two-letter state code");
        }
        return value;
    }

    private String email(CSVRecord record, int column) {
        String value = raw(record, column);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 254 || !isEmailAddress(value)) {
            throw invalid(column, "expected an email address (name@domain, at most 254 characters)");
        }
        return value;
    }

    private boolean bool(CSVRecord record, int column) {
        String value = raw(record, column);
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(column, "expected true or false");
    }

    private MembershipStatus status(CSVRecord record, int column) {
        String value = raw(record, column);
        for (MembershipStatus status : MembershipStatus.values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        throw invalid(column, "expected one of MEMBER, FAIR_SHARE, NON_MEMBER, RETIRED");
    }

    private LocalDate birthDate(CSVRecord record, int column) {
        String value = raw(record, column);
        if (value.isEmpty()) {
            return null;
        }
        LocalDate date;
        try {
            if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-'
                    || !all(value, 0, 4, DIGIT) || !all(value, 5, 7, DIGIT) || !all(value, 8, 10, DIGIT)) {
                throw new DateTimeException("not YYYY-MM-DD");
            }
            // LocalDate.of rejects impossible dates such as 1971-02-30.
            date = LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                    Integer.parseInt(value, 8, 10, 10));
        } catch (DateTimeException e) {
            throw invalid(column, "expected an ISO-8601 date (YYYY-MM-DD)");
        }
        if (date.isBefore(EARLIEST_BIRTH_DATE) || date.isAfter(today)) {
            throw invalid(column, "must be between 1900-01-01 and today");
        }
        return date;
    }

    /** local@domain.tld: one '@', no whitespace, a dot inside the domain, at most 64 characters before the '@'. */
    static boolean isEmailAddress(String value) {
        int at = value.indexOf('@');
        if (at < 1 || at > 64 || value.indexOf('@', at + 1) >= 0) {
            return false;
        }
        int dot = value.lastIndexOf('.');
        if (dot < at + 2 || dot == value.length() - 1) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean all(String value, int from, int to, CharPredicate predicate) {
        for (int i = from; i < to; i++) {
            if (!predicate.test(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface CharPredicate {
        boolean test(char c);
    }

    @Override
    public void close() {
        input.close();
    }
}
