package org.membergateway.acknowledgements;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical text of an acknowledgement receipt, the exact bytes the gateway signs
 * (docs/acknowledgements.md): a first line naming the format, then {@code key: value} lines in a
 * fixed order, UTF-8, each ended by one LF, no trailing spaces. Values never hold a line break or
 * any other control character (the service refuses such input), so one line is one field.
 */
public final class Receipt {

    public static final String FORMAT_LINE = "member-gateway acknowledgement receipt v1";

    private final List<String> lines = new ArrayList<>();

    private Receipt() {
        lines.add(FORMAT_LINE);
    }

    public static Receipt builder() {
        return new Receipt();
    }

    public Receipt field(String key, String value) {
        if (!key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("receipt keys are lower-case words joined by '-'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i)) || value.charAt(i) == '\u2028' || value.charAt(i) == '\u2029') {
                throw new IllegalArgumentException("receipt value of " + key + " contains a control character");
            }
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("receipt value of " + key + " has leading or trailing space");
        }
        lines.add(key + ": " + value);
        return this;
    }

    /** Times as ISO-8601 UTC to the second, e.g. {@code 2026-11-20T10:11:12Z}. */
    public Receipt field(String key, Instant value) {
        return field(key, DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS)));
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
