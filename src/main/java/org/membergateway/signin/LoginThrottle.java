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
 * Sign-in attempts per username, in the database so that every instance sees the same count.
 * An attempt is counted when it is <em>admitted</em>, before its password is verified, under the
 * name's row lock: however many guesses arrive at once, from however many instances, at most
 * {@code maxFailures} of them are verified in a {@code failureWindow}; the one after is refused and
 * locks the name for {@code duration}, doubled at each further lockout up to {@code maxDuration}.
 * The back-off starts over after {@code maxDuration} without attempts or locks. A success clears the
 * count, unless the name was locked meanwhile: a lock always wins. Known and unknown usernames are
 * counted alike.
 */
public final class LoginThrottle {

    /** What asking to verify a password led to. */
    public enum Outcome {
        /** Verify the password; {@code attempt} is its number in the window. */
        ADMITTED,
        /** Refused unverified: the name is locked until {@code lockedUntil}. */
        LOCKED,
        /** Refused unverified, and this attempt locked the name (the budget was spent): record the lockout. */
        LOCKED_NOW
    }

    /** An attempt's admission. */
    public record Admission(Outcome outcome, int attempt, Instant lockedUntil) {
    }

    /** What a failed verification led to. */
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

    /**
     * Counts an attempt before its password is checked. The check of the lock and the count are one
     * step under the row lock, so two attempts can never both take the last place.
     */
    public Admission admit(byte[] nameKey) {
        OffsetDateTime now = now();
        Admission admission = jdbi.inTransaction(h -> {
            LoginAttemptDao attempts = h.attach(LoginAttemptDao.class);
            attempts.ensure(nameKey, now);
            LoginAttemptDao.Row row = attempts.lockRow(nameKey).orElseThrow();
            if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
                return new Admission(Outcome.LOCKED, row.failures(), row.lockedUntil().toInstant());
            }
            // maxLockout without attempts or locks ends the back-off; attempts older than the window start a new count.
            OffsetDateTime lastActive = row.lockedUntil() != null && row.lockedUntil().isAfter(row.updatedAt())
                    ? row.lockedUntil() : row.updatedAt();
            int lockouts = lastActive.isBefore(now.minus(maxLockout)) ? 0 : row.lockouts();
            boolean newWindow = row.firstFailureAt().isBefore(now.minus(failureWindow));
            int failures = newWindow ? 0 : row.failures();
            OffsetDateTime first = newWindow || failures == 0 ? now : row.firstFailureAt();
            if (failures >= maxFailures) {
                OffsetDateTime until = now.plus(lockDuration(lockouts));
                attempts.update(nameKey, 0, now, until, lockouts + 1, now);
                return new Admission(Outcome.LOCKED_NOW, failures, until.toInstant());
            }
            attempts.update(nameKey, failures + 1, first, null, lockouts, now);
            return new Admission(Outcome.ADMITTED, failures + 1, null);
        });
        if (recorded.incrementAndGet() % PRUNE_EVERY == 0) {
            prune(now);
        }
        return admission;
    }

    /**
     * An admitted attempt's password was wrong. The attempt was counted when it was admitted; this
     * locks the name if that spent the budget (so the last allowed wrong password answers "locked").
     */
    public Failure recordFailure(byte[] nameKey) {
        OffsetDateTime now = now();
        return jdbi.inTransaction(h -> {
            LoginAttemptDao attempts = h.attach(LoginAttemptDao.class);
            Optional<LoginAttemptDao.Row> found = attempts.lockRow(nameKey);
            if (found.isEmpty()) {
                // A success on the name cleared it while this attempt was being verified.
                return new Failure(0, null);
            }
            LoginAttemptDao.Row row = found.get();
            if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
                return new Failure(row.failures(), null);
            }
            if (row.failures() < maxFailures) {
                return new Failure(row.failures(), null);
            }
            OffsetDateTime until = now.plus(lockDuration(row.lockouts()));
            attempts.update(nameKey, 0, now, until, row.lockouts() + 1, now);
            return new Failure(row.failures(), until.toInstant());
        });
    }

    /**
     * An admitted attempt's password was right: clears the name's record (and its back-off) and
     * answers empty, unless the name was locked while the password was being verified; then the
     * lock stays and its end is answered, and the sign-in must be refused.
     */
    public Optional<Instant> succeeded(byte[] nameKey) {
        OffsetDateTime now = now();
        return jdbi.inTransaction(h -> {
            LoginAttemptDao attempts = h.attach(LoginAttemptDao.class);
            Optional<LoginAttemptDao.Row> row = attempts.lockRow(nameKey);
            if (row.isPresent() && row.get().lockedUntil() != null && row.get().lockedUntil().isAfter(now)) {
                return Optional.of(row.get().lockedUntil().toInstant());
            }
            attempts.clear(nameKey);
            return Optional.empty();
        });
    }

    /** Forgets the name's failures and lock (an administrator's unlock). */
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
