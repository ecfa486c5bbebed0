package org.membergateway.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses query and path parameters taken as strings, so a bad value is a 400 that names the
 * parameter ({@link InvalidParameterException}) rather than Jersey's bare 404. Messages never echo
 * the value: parameters can carry names.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An optional whole number in [min, max]; {@code fallback} when absent or empty. */
    public static Long longValue(String name, String value, long min, long max, Long fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, name + " must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(name, name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    /** An optional instant: ISO-8601 with an offset ({@code 2026-11-03T10:00:00Z}), or a date (its start, UTC). */
    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 40) {
            throw new InvalidParameterException(name, name + " is too long");
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, name
                    + " must be an ISO-8601 time with offset (2026-11-03T10:00:00Z) or a date (2026-11-03)");
        }
    }

    /** An optional constant of {@code type}, by name (case-insensitive). */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Optional free text of at most {@code max} characters, without control characters. */
    public static String text(String name, String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(name, name + " must be at most " + max
                    + " characters, without control characters");
        }
        return value;
    }

    /** Optional text that must match {@code pattern} entirely; {@code shape} says what it looks like. */
    public static String matching(String name, String value, Pattern pattern, String shape) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 200 || !pattern.matcher(value).matches()) {
            throw new InvalidParameterException(name, name + " must be " + shape);
        }
        return value;
    }
}
