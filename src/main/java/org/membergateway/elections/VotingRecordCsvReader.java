package org.membergateway.elections;

import java.io.InputStream;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.membergateway.members.ImportException;
import org.membergateway.members.StrictCsvInput;
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

    private final StrictCsvInput input;
    private final int[] position = new int[COLUMNS.size()];
    private final long maxRows;
    private long rows;
    private long line;
    private CSVRecord pending;
    private boolean headerRead;

    private VotingRecordCsvReader(StrictCsvInput input, long maxRows) {
        this.maxRows = maxRows;
        this.input = input;
    }

    /** Reads UTF-8 strictly: a byte sequence that is not UTF-8 is an error, not a replacement character. */
    public static VotingRecordCsvReader open(InputStream in, long maxRows) {
        return new VotingRecordCsvReader(StrictCsvInput.open(in, MAX_LINE_CHARS), maxRows);
    }

    public static VotingRecordCsvReader open(Reader reader, long maxRows) {
        return new VotingRecordCsvReader(StrictCsvInput.open(reader, MAX_LINE_CHARS), maxRows);
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
        int[] found = input.header(COLUMNS, "");
        System.arraycopy(found, 0, position, 0, position.length);
        line = input.line();
    }

    private CSVRecord nextRecord() {
        CSVRecord record = input.next();
        line = input.line();
        return record;
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
        input.close();
    }
}
