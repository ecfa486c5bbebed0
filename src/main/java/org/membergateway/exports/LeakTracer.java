package org.membergateway.exports;

import java.util.ArrayList;
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
 * values an auditor copies from the list (loose, or row by row as the list has them, whatever its
 * columns and their order) are looked up in every export's seeds. Seeds are made of the union's
 * own names, workplaces and places, so a single name or city proves nothing: a seed is picked out
 * only by a value no member has (its member id, a phone number, an email address) or by its full
 * name with more ({@link ExportDao#seedHits}).
 */
public final class LeakTracer {

    public static final int MAX_TRACE_VALUES = 100;
    public static final int MAX_TRACE_VALUE = 254;
    public static final int MAX_TRACE_ROWS = 100;
    public static final int MAX_TRACE_CELLS = 40;

    private final Jdbi jdbi;
    private final AuditTrail audit;

    public LeakTracer(Jdbi jdbi, AuditTrail audit) {
        this.jdbi = jdbi;
        this.audit = audit;
    }

    /**
     * {@code POST /exports/trace} body: values found in a list that turned up where it should not,
     * loose ({@code values}) or as rows of it, each the cells of one line ({@code rows}); either or both.
     */
    public record TraceBody(List<String> values, List<List<String>> rows) {
    }

    /**
     * The seed records the values pick out (case-insensitive exact matches; phones by their
     * digits). Audited with the number of matches only: the values an auditor pastes may be real
     * members' data.
     */
    public List<SeedMatch> trace(Requester auditor, TraceBody body) {
        List<String> values = body == null || body.values() == null ? List.of() : body.values();
        List<List<String>> rows = body == null || body.rows() == null ? List.of() : body.rows();
        if ((values.isEmpty() && rows.isEmpty()) || values.size() > MAX_TRACE_VALUES) {
            throw new InvalidParameterException("values", "values: 1 to " + MAX_TRACE_VALUES
                    + " values from the leaked list, or rows of it");
        }
        if (rows.size() > MAX_TRACE_ROWS) {
            throw new InvalidParameterException("rows", "rows: at most " + MAX_TRACE_ROWS + " rows of the leaked list");
        }
        List<Integer> groups = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank() || !valid(value)) {
                throw new InvalidParameterException("values[" + i + "]", "values[" + i + "]: 1 to " + MAX_TRACE_VALUE
                        + " characters, no control characters");
            }
            add(groups, cells, 0, value);
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row == null || row.isEmpty() || row.size() > MAX_TRACE_CELLS) {
                throw new InvalidParameterException("rows[" + r + "]", "rows[" + r + "]: 1 to " + MAX_TRACE_CELLS + " cells");
            }
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (cell != null && !valid(cell)) {
                    throw new InvalidParameterException("rows[" + r + "][" + c + "]", "rows[" + r + "][" + c + "]: at most "
                            + MAX_TRACE_VALUE + " characters, no control characters");
                }
                // A list's empty cells are no evidence either way.
                if (cell != null && !cell.isBlank()) {
                    add(groups, cells, r + 1, cell);
                }
            }
        }
        List<ExportDao.SeedHit> hits = cells.isEmpty() ? List.of() : jdbi.withExtension(ExportDao.class,
                exports -> exports.seedHits(groups.stream().mapToInt(Integer::intValue).toArray(), cells.toArray(String[]::new)));
        List<SeedMatch> matches = hits.stream().map(LeakTracer::match).toList();
        audit.record(AuditEvent.of(AuditEventType.LEAK_TRACE, auditor.actor(), "exports:trace")
                .withDecision(matches.isEmpty() ? "NO_MATCH" : "MATCHED").withRows(matches.size()));
        return matches;
    }

    private static boolean valid(String value) {
        return value.length() <= MAX_TRACE_VALUE && value.chars().noneMatch(Character::isISOControl);
    }

    /** The value as seeds are compared (lower case) and, for what may be a phone number, its digits too. */
    private static void add(List<Integer> groups, List<String> cells, int group, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        groups.add(group);
        cells.add(v);
        String digits = SeedRecords.digits(v);
        if (digits.length() >= 7 && digits.length() * 2 >= v.replace(" ", "").length()) {
            groups.add(group);
            cells.add(digits);
            if (digits.length() == 11 && digits.startsWith("1")) {
                groups.add(group);
                cells.add(digits.substring(1));
            }
        }
    }

    private static SeedMatch match(ExportDao.SeedHit hit) {
        List<String> fields = List.of(hit.fields().split(","));
        List<String> ordered = SeedMatch.BY_WEIGHT.stream().filter(fields::contains).toList();
        return new SeedMatch(hit.exportId().toString(), hit.requestId(), hit.requester(), hit.vendorId(), hit.exportedAt(),
                hit.seedNo(), ordered.get(0), ordered);
    }
}
