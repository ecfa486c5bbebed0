package org.membergateway.policy;

import java.util.function.LongSupplier;

/**
 * How many rows a request reaches, as a fact the engine asks for only when a matched grant needs
 * the number (a row cap that could send the list to the large-list approvers): counting runs a
 * query over the member table, which a denied request must not cost.
 */
@FunctionalInterface
public interface RowCount {

    long rows();

    /** A number already known (tests, the conformance table). */
    static RowCount of(long rows) {
        return () -> rows;
    }

    /** Counts on the first {@link #rows()} and answers the same number after. Not shared between threads. */
    static RowCount once(LongSupplier count) {
        return new RowCount() {
            private long rows = -1;
            private boolean counted;

            @Override
            public long rows() {
                if (!counted) {
                    rows = count.getAsLong();
                    counted = true;
                }
                return rows;
            }
        };
    }
}
