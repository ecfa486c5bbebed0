package org.membergateway.members;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int[] position = new int[MemberCsv.COLUMNS.size()];
    private final long maxRows;
    private final LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    private long rows;
    private long line;

    private MemberCsvReader(Reader reader, long maxRows) {
        this.maxRows = maxRows;
        try {
            this.parser = CSVFormat.RFC4180.builder()
                    // Blank lines are skipped here rather than by the parser so line numbers stay exact.
                    .setIgnoreEmptyLines(false)
                    .get()
                    .parse(new LineLengthLimit(skipByteOrderMark(reader)));
        } catch (CharacterCodingException e) {
            // The first character is read here (to skip a byte-order mark): a file that starts with a
            // byte that is not UTF-8 is the sender's to fix, like one that has it further on (found by
            // fuzz.MemberCsvFuzzTest; it was a 500).
            throw new ImportException(1, null, "the file is not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** Reads UTF-8 strictly: a byte sequence that is not UTF-8 is an error, not a replacement character. */
    public static MemberCsvReader open(InputStream in, long maxRows) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new MemberCsvReader(new InputStreamReader(in, decoder), maxRows);
    }

    public static MemberCsvReader open(Reader reader, long maxRows) {
        return new MemberCsvReader(reader, maxRows);
    }

    private void readHeader() {
        CSVRecord header = nextRecord();
        if (header == null) {
            throw new ImportException(1, null, "the file is empty; expected a header row with the columns "
                    + String.join(",", MemberCsv.COLUMNS));
        }
        java.util.Arrays.fill(position, -1);
        // Unknown header cells are named by position, never by their text: a file without its header
        // row (or sent with curl -d, which joins every line into one) has a member's values here.
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            int column = MemberCsv.COLUMNS.indexOf(name);
            if (column < 0) {
                unknown.add(i + 1);
            } else if (position[column] >= 0) {
                throw new ImportException(line, name, "the header names this column twice");
            } else {
                position[column] = i;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < position.length; c++) {
            if (position[c] < 0) {
                missing.add(MemberCsv.COLUMNS.get(c));
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new ImportException(line, null, "the header must have exactly the columns "
                    + String.join(",", MemberCsv.COLUMNS)
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; not a column name at " + positions(unknown)
                            + " (is the header row missing, or were the lines joined? send the file with"
                            + " curl --data-binary, not -d)"));
        }
    }

    /** "position 3" or "positions 1, 2, 5 and 17 more": bounded, whatever the line holds. */
    private static String positions(List<Integer> unknown) {
        int shown = Math.min(unknown.size(), 5);
        StringBuilder sb = new StringBuilder(shown == 1 && unknown.size() == 1 ? "position " : "positions ");
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(unknown.get(i));
        }
        if (unknown.size() > shown) {
            sb.append(" and ").append(unknown.size() - shown).append(" more");
        }
        return sb.toString();
    }

    private CSVRecord nextRecord() {
        try {
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                if (record.size() != 1 || !record.get(0).isBlank()) {
                    return record;
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        }
    }

    private ImportException malformed(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return new ImportException(parser.getCurrentLineNumber() + 1, null, "the file is not valid UTF-8");
            }
            if (t instanceof LineTooLongException) {
                return new ImportException(parser.getCurrentLineNumber() + 1, null,
                        "line longer than " + MAX_LINE_CHARS + " characters");
            }
        }
        // Commons CSV's own message can quote the data, so it is not passed on.
        return new ImportException(line, null,
                "malformed CSV (a quoted field is not closed, or a quote appears inside an unquoted field)");
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
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        var pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long");
        }
    }

    /** Fails a read once a single line exceeds {@link #MAX_LINE_CHARS}, so one huge field cannot exhaust memory. */
    private static final class LineLengthLimit extends FilterReader {
        private int sinceNewline;

        LineLengthLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(int c) throws IOException {
            if (c == '\n') {
                sinceNewline = 0;
            } else if (c != -1 && ++sinceNewline > MAX_LINE_CHARS) {
                throw new LineTooLongException();
            }
        }
    }
}
