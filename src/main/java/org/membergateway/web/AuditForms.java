package org.membergateway.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditQuery;

/**
 * The auditors' forms as they arrive (GET query strings, so results can be linked to), checked the
 * way the JSON API checks the same search, with each problem named at its field in the reader's
 * language. Dates are days of the union's calendar, both ends included: "from 1 May to 31 May"
 * means what a person means by it.
 */
public final class AuditForms {

    /** Entries shown on one page of the search. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private AuditForms() {
    }

    /** The search form's fields, as typed (shown again as they were). */
    public record Search(String actor, String action, String decision, String from, String to, long afterSeq, int limit) {

        static Search of(String actor, String action, String decision, String from, String to, String afterSeq,
                         String limit) {
            return new Search(trim(actor), trim(action), trim(decision), trim(from), trim(to),
                    clamp(afterSeq, 0, Long.MAX_VALUE - 1, 0), (int) clamp(limit, 1, MAX_LIMIT, DEFAULT_LIMIT));
        }

        public boolean filtered() {
            return !actor.isEmpty() || !action.isEmpty() || !decision.isEmpty() || !from.isEmpty() || !to.isEmpty();
        }
    }

    /** A checked search: the query (one more than a page, to know whether there is a next) or what is wrong. */
    record CheckedSearch(AuditQuery query, LocalDate from, LocalDate to, List<PageView.FormError> errors) {
    }

    static CheckedSearch check(Search form, Messages messages, ZoneId zone) {
        List<PageView.FormError> errors = new ArrayList<>();
        String actor = form.actor();
        if (actor.length() > AuditEvent.MAX_ACTOR || actor.chars().anyMatch(Character::isISOControl)) {
            errors.add(new PageView.FormError("actor", messages.get("audit.search.error.actor", AuditEvent.MAX_ACTOR)));
        }
        AuditEventType action = null;
        if (!form.action().isEmpty()) {
            try {
                action = AuditEventType.valueOf(form.action().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new PageView.FormError("action", messages.get("audit.search.error.action")));
            }
        }
        String decision = form.decision().toUpperCase(Locale.ROOT);
        if (!decision.isEmpty() && !TOKEN.matcher(decision).matches()) {
            errors.add(new PageView.FormError("decision", messages.get("audit.search.error.decision")));
        }
        LocalDate from = date(form.from(), "from", "audit.search.error.from", messages, errors);
        LocalDate to = date(form.to(), "to", "audit.search.error.to", messages, errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new PageView.FormError("to", messages.get("audit.search.error.toBeforeFrom")));
        }
        if (!errors.isEmpty()) {
            return new CheckedSearch(null, from, to, errors);
        }
        AuditQuery query = new AuditQuery(actor.isEmpty() ? null : actor, action, decision.isEmpty() ? null : decision,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), form.afterSeq(), form.limit() + 1);
        return new CheckedSearch(query, from, to, List.of());
    }

    /** A period of whole days (the report, the releases per requester); both ends required. */
    record Period(LocalDate from, LocalDate to, List<PageView.FormError> errors) {
    }

    /**
     * @param fieldPrefix the id prefix of the form's fields on the page ({@code report-} for the report
     *     form, which shares the search page), so each error links to its own field
     */
    static Period period(String from, String to, String fieldPrefix, int maxDays, Messages messages) {
        List<PageView.FormError> errors = new ArrayList<>();
        LocalDate first = required(trim(from), fieldPrefix + "from", "audit.period.error.from", messages, errors);
        LocalDate last = required(trim(to), fieldPrefix + "to", "audit.period.error.to", messages, errors);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                errors.add(new PageView.FormError(fieldPrefix + "to", messages.get("audit.period.error.toBeforeFrom")));
            } else if (first.plusDays(maxDays).isBefore(last)) {
                errors.add(new PageView.FormError(fieldPrefix + "to", messages.get("audit.period.error.tooLong", maxDays)));
            }
        }
        return new Period(first, last, errors);
    }

    private static LocalDate required(String value, String field, String key, Messages messages,
                                      List<PageView.FormError> errors) {
        if (value.isEmpty()) {
            errors.add(new PageView.FormError(field, messages.get(key)));
            return null;
        }
        return date(value, field, key, messages, errors);
    }

    private static LocalDate date(String value, String field, String key, Messages messages,
                                  List<PageView.FormError> errors) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new PageView.FormError(field, messages.get(key)));
        return null;
    }

    private static String trim(String value) {
        if (value == null) {
            return "";
        }
        String stripped = value.strip();
        // Bounded before anything looks at it: nothing here is longer than an actor.
        return stripped.length() > 400 ? stripped.substring(0, 400) : stripped;
    }

    /** Paging values come from the page's own links: out of range is clamped, not an error. */
    private static long clamp(String value, long min, long max, long otherwise) {
        if (value == null || value.isBlank() || value.length() > 19) {
            return otherwise;
        }
        try {
            return Math.max(min, Math.min(max, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
