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
        return jdbi.withExtension(LoginAttemptDao.class, attempts -> attempts.lockedUntil(nameKey, now));
    }

    /** Counts a failure; locks the name when it reaches the limit. */
    public Failure recordFailure(byte[] nameKey) {
        OffsetDateTime now = now();
        Failure failure = jdbi.inTransaction(h -> {
            LoginAttemptDao attempts = h.attach(LoginAttemptDao.class);
            // Failures older than the window start a new count; maxLockout without failures or locks ends the back-off.
            LoginAttemptDao.Counts counts = attempts.countFailure(nameKey, now, now.minus(failureWindow),
                    now.minus(maxLockout));
            if (counts.failures() < maxFailures) {
                return new Failure(counts.failures(), null);
            }
            OffsetDateTime until = now.plus(lockDuration(counts.lockouts()));
            attempts.lock(nameKey, now, until);
            return new Failure(counts.failures(), until.toInstant());
        });
        if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
            prune(now);
        }
        return failure;
    }

    /** A successful sign-in clears the name's record (and its back-off). */
    public void clear(byte[] nameKey) {
        jdbi.useExtension(LoginAttemptDao.class, attempts -> attempts.clear(nameKey));
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
        jdbi.useExtension(LoginAttemptDao.class, attempts -> attempts.prune(before, now));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
