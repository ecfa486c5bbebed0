package org.membergateway.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one rule for every CSV the gateway writes (exports and vendor extracts, the auditors' report):
 * a cell a spreadsheet would read as a formula, one beginning with {@code = + - @}, a tab or a
 * carriage return, is written with a leading single quote and in double quotes (OWASP, "CSV
 * Injection"). {@code =HYPERLINK("http://…","Click")} in a member's name then shows as that text in
 * the officer's spreadsheet instead of a link. Only the file changes: the database keeps the value
 * as it was given.
 *
 * <p>Applied as a filter over RFC 4180 text as it streams (PostgreSQL's {@code COPY … CSV} output,
 * Commons CSV's), so a list of any size passes in constant memory and every writer shares this one
 * implementation. It reads cells by their quoting alone, and works on UTF-8 bytes because every
 * character it looks at is ASCII and no byte of a multi-byte character is.
 */
public final class SpreadsheetSafeCsv {

    private SpreadsheetSafeCsv() {
    }

    /** Whether a cell starting with {@code c} would be a formula (or be cut at its start) in a spreadsheet. */
    public static boolean startsFormula(int c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The stream that writes {@code csv} to {@code out} with every formula-like cell neutralized. */
    public static Neutralizer neutralizing(OutputStream out) {
        return new Neutralizer(out);
    }

    /**
     * Call {@link #finish} (or close) at the end: a last cell without a line end may still need
     * its closing quote.
     */
    public static final class Neutralizer extends FilterOutputStream {

        private enum State { CELL_START, UNQUOTED, QUOTED_FIRST, QUOTED, QUOTE_IN_QUOTED }

        private State state = State.CELL_START;
        /** An unquoted cell this filter opened a quote for, to be closed where the cell ends. */
        private boolean closeQuote;

        Neutralizer(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                byte insert = 0;
                int c = b[i];
                switch (state) {
                    case CELL_START -> {
                        if (c == '"') {
                            state = State.QUOTED_FIRST;
                        } else if (c == ',' || c == '\n' || c == '\r') {
                            // An empty cell, or the line's end: nothing to neutralize.
                            state = State.CELL_START;
                        } else {
                            if (startsFormula(c)) {
                                // '"' then '\'' before this byte; the quote is closed where the cell ends.
                                out.write(b, start, i - start);
                                out.write('"');
                                out.write('\'');
                                start = i;
                                closeQuote = true;
                            }
                            state = State.UNQUOTED;
                        }
                    }
                    case QUOTED_FIRST -> {
                        if (startsFormula(c)) {
                            insert = '\'';
                        }
                        state = c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
                    }
                    case QUOTED -> {
                        if (c == '"') {
                            state = State.QUOTE_IN_QUOTED;
                        }
                    }
                    case QUOTE_IN_QUOTED -> {
                        // "" is an escaped quote; anything else ends the quoted cell.
                        if (c == '"') {
                            state = State.QUOTED;
                        } else {
                            state = c == ',' || c == '\n' || c == '\r' ? State.CELL_START : State.UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        if (c == ',' || c == '\n' || c == '\r') {
                            if (closeQuote) {
                                out.write(b, start, i - start);
                                out.write('"');
                                start = i;
                                closeQuote = false;
                            }
                            state = State.CELL_START;
                        } else if (c == '"' && closeQuote) {
                            // Not produced by an RFC 4180 writer, but inside the quotes it must be doubled.
                            insert = '"';
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                if (insert != 0) {
                    out.write(b, start, i - start);
                    out.write(insert);
                    start = i;
                }
            }
            out.write(b, start, end - start);
        }

        /** Closes a quote this filter opened in a last line without a line end, and flushes. */
        public void finish() throws IOException {
            if (closeQuote) {
                out.write('"');
                closeQuote = false;
                state = State.CELL_START;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            finish();
            super.close();
        }
    }
}
