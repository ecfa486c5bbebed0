package org.membergateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Refusals that anyone can provoke at will (failed sign-ins, reads of what is not the caller's),
 * recorded as bounded entries instead of one each (docs/audit-format.md, "Tallied refusals").
 * One entry per key (action, source, subject, reason) and window of {@code window}: the first
 * occurrence of a key in a window is an entry at once (decision {@code DENIED}, {@code rows} 1),
 * fail closed like every entry; later ones only add to a count in {@code audit_tallies}; once the
 * window has closed, {@link #summariseClosedWindows} writes one more entry (decision
 * {@code TALLIED}, {@code rows} = every occurrence in the window) and forgets the count. A window
 * with a single occurrence needs no summary. Per source and window at most {@code maxSubjects}
 * invented names ({@link Refusal#capped}) are kept apart; further ones share the subject
 * {@value #OTHERS}. So N refusals from one source cost at most 2 × (maxSubjects + 1) entries per
 * window and reason, plus two per account or vendor tried, whatever N is.
 *
 * <p>Entries stay immutable: the count lives outside the trail until its window's summary is
 * written; the summary is written at least once (a crash between the entry and forgetting the count
 * may write it again, with the same target).
 */
public final class AuditTally {

    /** The subject of names beyond a source's cap in one window. */
    public static final String OTHERS = "names:others";
    public static final String DENIED = "DENIED";
    public static final String TALLIED = "TALLIED";

    private static final int SUMMARISE_BATCH = 500;

    /**
     * What was refused: the entry's action, actor and reason, and where it came from. {@code capped}:
     * the subject is one anyone can invent (a name that is no account), so it counts towards the
     * source's cap; an account, a vendor or {@code vendor:unknown} never does.
     */
    public record Refusal(AuditEventType action, String subject, String source, String reason, boolean capped) {
        public Refusal(AuditEventType action, String subject, String source, String reason) {
            this(action, subject, source, reason, false);
        }

        public Refusal {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(subject, "subject");
            source = source == null ? "" : source;
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Jdbi jdbi;
    private final AuditTrail trail;
    private final Clock clock;
    private final Duration window;
    private final int maxSubjects;

    public AuditTally(Jdbi jdbi, AuditTrail trail, Clock clock, Duration window, int maxSubjects) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        this.jdbi = jdbi;
        this.trail = trail;
        this.clock = clock;
        this.window = window;
        this.maxSubjects = maxSubjects;
    }

    public AuditTally(Jdbi jdbi, AuditTrail trail, Clock clock, AuditConfiguration.Tallies settings) {
        this(jdbi, trail, clock, settings.getWindow().toJavaDuration(), settings.getMaxSubjectsPerSource());
    }

    /**
     * Counts one refusal; the first of its key in the window is recorded in the trail before this
     * returns.
     *
     * @throws AuditUnavailableException if that first entry could not be recorded (the count stays, and
     *     the window's summary will carry it); the caller must refuse, as for any entry
     */
    public void count(Refusal refusal) {
        Instant now = clock.instant();
        long size = window.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
        OffsetDateTime windowStart = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
        OffsetDateTime windowEnd = windowStart.plus(window);
        String action = refusal.action().name();
        String source = refusal.source();
        // One short transaction: the connection is not held while the trail commits. Its own
        // connection, never the caller's: a refusal is often a 404 thrown inside the caller's
        // transaction (an approval, an export), and the count must not roll back with it.
        String[] counted = new String[1];
        boolean first;
        try (Handle own = jdbi.open()) {
            first = own.inTransaction(h -> {
                AuditTallyDao tallies = h.attach(AuditTallyDao.class);
                String subject = refusal.subject();
                if (refusal.capped()) {
                    tallies.lockSource(action + " " + source);
                }
                if (tallies.increment(action, source, subject, refusal.reason(), windowStart) == 1) {
                    counted[0] = subject;
                    return false;
                }
                if (refusal.capped() && tallies.cappedKeysInWindow(action, source, windowStart) >= maxSubjects) {
                    subject = OTHERS;
                    if (tallies.increment(action, source, subject, refusal.reason(), windowStart) == 1) {
                        counted[0] = subject;
                        return false;
                    }
                }
                counted[0] = subject;
                return tallies.insert(action, source, subject, refusal.reason(), windowStart, windowEnd, refusal.capped());
            });
        }
        if (!first) {
            return;
        }
        trail.record(event(refusal.action(), counted[0], source, refusal.reason(), windowStart, windowEnd)
                .withDecision(DENIED).withRows(1));
        try (Handle own = jdbi.open()) {
            own.attach(AuditTallyDao.class).firstRecorded(action, source, counted[0], refusal.reason(), windowStart);
        }
    }

    /**
     * Writes the summary of every window that has closed and forgets its count; windows another
     * instance is summarising are left to it. If the trail refuses a summary, its count stays for
     * the next run.
     *
     * @return summaries written
     */
    public int summariseClosedWindows() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int written = 0;
        while (true) {
            int[] batch = new int[2];
            jdbi.useTransaction(h -> {
                AuditTallyDao tallies = h.attach(AuditTallyDao.class);
                List<AuditTallyDao.Row> closed = tallies.lockClosed(now, SUMMARISE_BATCH);
                batch[0] = closed.size();
                for (AuditTallyDao.Row row : closed) {
                    if (row.occurrences() > 1 || !row.firstRecorded()) {
                        // Recorded while the row is locked: the count goes only once its summary is in.
                        trail.record(event(AuditEventType.valueOf(row.action()), row.subject(), row.source(),
                                row.reason(), row.windowStart(), row.windowEnd())
                                .withDecision(TALLIED).withRows(row.occurrences()));
                        batch[1]++;
                    }
                    tallies.delete(row.action(), row.source(), row.subject(), row.reason(), row.windowStart());
                }
            });
            written += batch[1];
            if (batch[0] < SUMMARISE_BATCH) {
                return written;
            }
        }
    }

    /** The entry for one key and window: its target says where from and when. */
    private static AuditEvent event(AuditEventType action, String subject, String source, String reason,
                                    OffsetDateTime windowStart, OffsetDateTime windowEnd) {
        String when = "window:" + windowStart.toInstant() + "/" + windowEnd.toInstant();
        String target = source.isEmpty() ? when : "source:" + source + " " + when;
        return AuditEvent.of(action, subject, target).withReasons(List.of(reason));
    }
}
