package org.membergateway.exports;

import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.http.InvalidParameterException;

/**
 * Traces a leaked list to its export by the seed records planted in it (README "Seed records"):
 * the values an auditor copies from the list (an email address, a phone number, a street...) are
 * looked up in every export's seeds.
 */
public final class LeakTracer {

    public static final int MAX_TRACE_VALUES = 100;
    public static final int MAX_TRACE_VALUE = 254;

    private final Jdbi jdbi;
    private final AuditTrail audit;

    public LeakTracer(Jdbi jdbi, AuditTrail audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    /** {@code POST /exports/trace} body: values found in a list that turned up where it should not. */
    public record TraceBody(List<String> values) {
    }

    /**
     * The seed records carrying any of the values (case-insensitive exact matches). Audited with
     * the number of matches only: the values an auditor pastes may be real members' data.
     */
    public List<SeedMatch> trace(Requester auditor, TraceBody body) {
        List<String> values = body == null || body.values() == null ? List.of() : body.values();
        if (values.isEmpty() || values.size() > MAX_TRACE_VALUES) {
            throw new InvalidParameterException("values", "values: 1 to " + MAX_TRACE_VALUES + " values from the leaked list");
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank() || value.length() > MAX_TRACE_VALUE
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidParameterException("values[" + i + "]", "values[" + i + "]: 1 to " + MAX_TRACE_VALUE
                        + " characters, no control characters");
            }
        }
        String[] wanted = values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        List<SeedMatch> matches = jdbi.withExtension(ExportDao.class, exports -> exports.seedMatches(wanted));
        audit.record(AuditEvent.of(AuditEventType.LEAK_TRACE, auditor.actor(), "exports:trace")
                .withDecision(matches.isEmpty() ? "NO_MATCH" : "MATCHED").withRows(matches.size()));
        return matches;
    }
}
