package org.membergateway.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Failed sign-ins per username, in the database so that every instance sees the same count.
 * After {@code maxFailures} failures within {@code failureWindow} the name is locked for
 * {@code duration}, doubled at each further lockout up to {@code maxDuration}; the back-off starts
 * over after {@code maxDuration} without failures. Known and unknown usernames are counted alike.
 */
public final class LoginThrottle {

    /** What a recorded failure led to. */
    public record Failure(int failures, Instant lockedUntil) {
        public boolean lockedNow() {
            return lockedUntil != null;
        }
    }

    private static final int PRUNE_EVERY = 256;

    private final Jdbi jdbi;
    private final Clock clock;
    private final int maxFailures;
    private final Duration failureWindow;
    private final Duration lockout;
    private final Duration maxLockout;
    private final AtomicLong recorded = new AtomicLong();

    public LoginThrottle(Jdbi jdbi, Clock clock, AuthConfiguration.Lockout settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.maxFailures = settings.getMaxFailures();
        this.failureWindow = settings.getFailureWindow().toJavaDuration();
        this.lockout = settings.getDuration().toJavaDuration();
        this.maxLockout = settings.getMaxDuration().toJavaDuration();
    }

    /** When the lock on this name ends, if it is locked now. */
    public Optional<Instant> lockedUntil(byte[] nameKey) {
        OffsetDateTime now = now();
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT locked_until FROM login_throttle WHERE name_key = :k AND locked_until > :now")
                .bind("k", nameKey).bind("now", now)
                .mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }

    /** Counts a failure; locks the name when it reaches the limit. */
    public Failure recordFailure(byte[] nameKey) {
        OffsetDateTime now = now();
        Failure failure = jdbi.inTransaction(h -> {
            // Failures older than the window start a new count; maxLockout without failures or locks ends the back-off.
            record Row(int failures, int lockouts) { }
            Row row = h.createQuery("""
                            INSERT INTO login_throttle AS t (name_key, failures, first_failure_at, updated_at)
                            VALUES (:k, 1, :now, :now)
                            ON CONFLICT (name_key) DO UPDATE SET
                                failures = CASE WHEN t.first_failure_at < :windowStart THEN 1 ELSE t.failures + 1 END,
                                first_failure_at = CASE WHEN t.first_failure_at < :windowStart
                                                        THEN :now ELSE t.first_failure_at END,
                                lockouts = CASE WHEN greatest(t.updated_at, t.locked_until) < :quietSince THEN 0 ELSE t.lockouts END,
                                updated_at = :now
                            RETURNING failures, lockouts""")
                    .bind("k", nameKey).bind("now", now)
                    .bind("windowStart", now.minus(failureWindow))
                    .bind("quietSince", now.minus(maxLockout))
                    .map((rs, ctx) -> new Row(rs.getInt(1), rs.getInt(2)))
                    .one();
            if (row.failures() < maxFailures) {
                return new Failure(row.failures(), null);
            }
            OffsetDateTime until = now.plus(lockDuration(row.lockouts()));
            h.createUpdate("""
                            UPDATE login_throttle SET failures = 0, first_failure_at = :now, locked_until = :until,
                                   lockouts = lockouts + 1 WHERE name_key = :k""")
                    .bind("k", nameKey).bind("now", now).bind("until", until).execute();
            return new Failure(row.failures(), until.toInstant());
        });
        if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
            prune(now);
        }
        return failure;
    }

    /** A successful sign-in clears the name's record (and its back-off). */
    public void clear(byte[] nameKey) {
        jdbi.useHandle(h -> h.execute("DELETE FROM login_throttle WHERE name_key = ?", nameKey));
    }

    /** Doubles per previous lockout, capped. */
    Duration lockDuration(int previousLockouts) {
        Duration d = lockout;
        for (int i = 0; i < previousLockouts && d.compareTo(maxLockout) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }

    /** Forgets names that have been quiet long enough to matter no more (probing leaves many). */
    private void prune(OffsetDateTime now) {
        OffsetDateTime before = now.minus(failureWindow).minus(maxLockout);
        jdbi.useHandle(h -> h.createUpdate("""
                        DELETE FROM login_throttle WHERE updated_at < :before
                        AND (locked_until IS NULL OR locked_until < :now)""")
                .bind("before", before).bind("now", now).execute());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
