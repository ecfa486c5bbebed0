package org.membergateway.http;

import java.util.Optional;

/**
 * Numeric ids in paths ({@code /list-requests/{id}}, {@code /vendors/{id}}). A malformed id names
 * nothing the caller may see, so each resource answers it with its own 404, like any unknown id.
 */
public final class PathIds {

    private PathIds() {
    }

    /** The id if it is a positive whole number; empty otherwise. */
    public static Optional<Long> positive(String id) {
        try {
            long value = Long.parseLong(id);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
