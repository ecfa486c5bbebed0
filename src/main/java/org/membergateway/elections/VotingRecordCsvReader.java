package org.membergateway.elections;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.membergateway.members.ImportException;
import org.membergateway.policy.AccessRequestParser;

/**
 * Reads and validates a voting-records CSV (README, Voting records CSV) one record at a time, in
 * constant memory, as the members CSV is read: RFC 4180, strict UTF-8, a header naming exactly
 * {@link #COLUMNS} in any order. The first problem stops the read with an {@link ImportException}
 * naming the line and column, never the value (a member id and a vote are member data).
 */
public final class VotingRecordCsvReader implements Iterator<VotingRecord>, AutoCloseable {

    /** The columns of the file, in the order the README lists them. */
    public static final List<String> COLUMNS = List.of("election_id", "member_id", "voted", "method");
    /** A voting record is a few dozen characters; a longer line is not one, and refusing it bounds memory. */
    static final int MAX_LINE_CHARS = 1024;
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int[] position = new int[COLUMNS.size()];
    private final long maxRows;
    private long rows;
    private long line;
    private CSVRecord pending;
    private boolean headerRead;

    private VotingRecordCsvReader(Reader reader, long maxRows) {
        this.maxRows = maxRows;
        try {
            this.parser = CSVFormat.RFC4180.builder()
                    // Blank lines are skipped here rather than by the parser so line numbers stay exact.
                    .setIgnoreEmptyLines(false)
                    .get()
                    .parse(new LineLengthLimit(skipByteOrderMark(reader)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** Reads UTF-8 strictly: a byte sequence that is not UTF-8 is an error, not a replacement character. */
    public static VotingRecordCsvReader open(InputStream in, long maxRows) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new VotingRecordCsvReader(new InputStreamReader(in, decoder), maxRows);
    }

    public static VotingRecordCsvReader open(Reader reader, long maxRows) {
        return new VotingRecordCsvReader(reader, maxRows);
    }

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
    public VotingRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = pending;
        pending = null;
        if (++rows > maxRows) {
            throw new ImportException(line, null, "more than " + maxRows + " rows in one import; split the file");
        }
        if (record.size() != position.length) {
            throw new ImportException(line, null, "expected " + position.length + " fields, found " + record.size());
        }
        String election = raw(record, 0);
        if (!AccessRequestParser.ELECTION_ID.matcher(election).matches()) {
            throw invalid(0, election.isEmpty() ? "is required"
                    : "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        String member = raw(record, 1);
        if (!MEMBER_ID.matcher(member).matches()) {
            throw invalid(1, member.isEmpty() ? "is required" : "must be 1 to 32 letters, digits, '_' or '-'");
        }
        boolean voted = switch (raw(record, 2)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(2, "expected true or false");
        };
        String methodText = raw(record, 3);
        VotingMethod method = null;
        if (!methodText.isEmpty()) {
            try {
                method = VotingMethod.valueOf(methodText);
            } catch (IllegalArgumentException e) {
                throw invalid(3, "expected MAIL, ONLINE or IN_PERSON");
            }
        }
        if (voted && method == null) {
            throw invalid(3, "is required when voted is true: MAIL, ONLINE or IN_PERSON");
        }
        if (!voted && method != null) {
            throw invalid(3, "must be empty when voted is false");
        }
        return new VotingRecord(line, election, member, voted, method);
    }

    /** The line of the record last returned (or of the problem found). */
    public long line() {
        return line;
    }

    private void readHeader() {
        CSVRecord header = nextRecord();
        if (header == null) {
            throw new ImportException(1, null, "the file is empty; expected a header row with the columns "
                    + String.join(",", COLUMNS));
        }
        java.util.Arrays.fill(position, -1);
        // Unknown header cells are named by position, never by their text: a file without its header
        // row has a member's values there.
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            int column = COLUMNS.indexOf(name);
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
                missing.add(COLUMNS.get(c));
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new ImportException(line, null, "the header must have exactly the columns " + String.join(",", COLUMNS)
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; not a column name at position"
                            + (unknown.size() == 1 ? " " : "s ") + positions(unknown)));
        }
    }

    private static String positions(List<Integer> unknown) {
        List<String> shown = unknown.stream().limit(5).map(String::valueOf).toList();
        return String.join(", ", shown) + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "");
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
        return new ImportException(line, COLUMNS.get(column), problem);
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
