package org.membergateway.members;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The strict CSV input every import reads through (members, voting records): RFC 4180, strict
 * UTF-8, an optional byte-order mark skipped, every line at most {@code maxLineChars} long (so one
 * huge field cannot exhaust memory), blank lines skipped with exact line numbers, and a header
 * naming exactly the expected columns in any order. Every problem is an {@link ImportException}
 * naming the line (and column), never a value: values are member data.
 */
public final class StrictCsvInput implements AutoCloseable {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int maxLineChars;
    private long line;

    private StrictCsvInput(Reader reader, int maxLineChars) {
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("maxLineChars must be positive");
        }
        this.maxLineChars = maxLineChars;
        try {
            this.parser = CSVFormat.RFC4180.builder()
                    // Blank lines are skipped here rather than by the parser so line numbers stay exact.
                    .setIgnoreEmptyLines(false)
                    .get()
                    .parse(new LineLengthLimit(skipByteOrderMark(reader), maxLineChars));
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
    public static StrictCsvInput open(InputStream in, int maxLineChars) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new StrictCsvInput(new InputStreamReader(in, decoder), maxLineChars);
    }

    public static StrictCsvInput open(Reader reader, int maxLineChars) {
        return new StrictCsvInput(reader, maxLineChars);
    }

    /** The physical line of the record last read (or of the problem found): what errors name. */
    public long line() {
        return line;
    }

    /** The next record that is not a blank line, or {@code null} at the end of the file. */
    public CSVRecord next() {
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

    /**
     * Reads the header row: where each of {@code columns} is (index in the record, by the order of
     * {@code columns}). Unknown header cells are named by position, never by their text: a file
     * without its header row has a member's values there.
     *
     * @param unknownHint said after the positions of unknown cells (e.g. how the file may have been
     *                    mangled); empty for nothing
     */
    public int[] header(List<String> columns, String unknownHint) {
        CSVRecord header = next();
        if (header == null) {
            throw new ImportException(1, null, "the file is empty; expected a header row with the columns "
                    + String.join(",", columns));
        }
        int[] position = new int[columns.size()];
        Arrays.fill(position, -1);
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            int column = columns.indexOf(name);
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
                missing.add(columns.get(c));
            }
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new ImportException(line, null, "the header must have exactly the columns " + String.join(",", columns)
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; not a column name at " + positions(unknown) + unknownHint));
        }
        return position;
    }

    /** "position 3" or "positions 1, 2, 5 and 17 more": bounded, whatever the line holds. */
    private static String positions(List<Integer> unknown) {
        int shown = Math.min(unknown.size(), 5);
        StringBuilder sb = new StringBuilder(unknown.size() == 1 ? "position " : "positions ");
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(unknown.get(i));
        }
        if (unknown.size() > shown) {
            sb.append(" and ").append(unknown.size() - shown).append(" more");
        }
        return sb.toString();
    }

    private ImportException malformed(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return new ImportException(parser.getCurrentLineNumber() + 1, null, "the file is not valid UTF-8");
            }
            if (t instanceof LineTooLongException tooLong) {
                // The limit's own count: the parser reads ahead, so its line number can be an earlier line's.
                return new ImportException(tooLong.line, null,
                        "line longer than " + maxLineChars + " characters");
            }
        }
        // Commons CSV's own message can quote the data, so it is not passed on.
        return new ImportException(line, null,
                "malformed CSV (a quoted field is not closed, or a quote appears inside an unquoted field)");
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
        var pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static final class LineTooLongException extends IOException {
        final long line;

        LineTooLongException(long line) {
            super("line too long");
            this.line = line;
        }
    }

    /** Fails a read once a single line exceeds the limit. */
    private static final class LineLengthLimit extends FilterReader {
        private final int maxLineChars;
        private int sinceNewline;
        private long line = 1;

        LineLengthLimit(Reader in, int maxLineChars) {
            super(in);
            this.maxLineChars = maxLineChars;
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
                line++;
            } else if (c != -1 && ++sinceNewline > maxLineChars) {
                throw new LineTooLongException(line);
            }
        }
    }
}
