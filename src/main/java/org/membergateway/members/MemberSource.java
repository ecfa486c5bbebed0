package org.membergateway.members;

import java.util.Iterator;

/** Member rows to import, each with the line it came from, so problems found later can name it. */
public interface MemberSource extends Iterator<MemberRow> {

    /** The 1-based line of the file where the row last returned by {@link #next()} starts. */
    long line();

    /** Wraps generated rows; line numbers are those the rows would have in a CSV file with a header. */
    static MemberSource of(Iterator<MemberRow> rows) {
        return new MemberSource() {
            private long line = 1;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public MemberRow next() {
                MemberRow row = rows.next();
                line++;
                return row;
            }

            @Override
            public long line() {
                return line;
            }
        };
    }
}
