package org.membergateway.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.membergateway.members.MemberImporter;

/** Prints "N rows (R rows/s)" lines while long work runs, so the operator sees it move. */
final class ProgressLine implements MemberImporter.Progress {

    private final PrintStream out;
    private final String verb;

    ProgressLine(PrintStream out, String verb) {
        this.out = out;
        this.verb = verb;
    }

    @Override
    public void rowsStaged(long rows, long elapsedNanos) {
        out.println(String.format(Locale.ROOT, "%s %,d rows (%,d rows/s)", verb, rows, rate(rows, elapsedNanos)));
        out.flush();
    }

    static long rate(long rows, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : Math.round(rows * 1e9 / elapsedNanos);
    }
}
