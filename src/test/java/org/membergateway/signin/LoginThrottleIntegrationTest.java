package org.membergateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.membergateway.testing.TestDatabases;

/**
 * The lockout rules against a real PostgreSQL, on a clock the test moves: attempts counted when
 * admitted (before any password check, so concurrent ones cannot overrun the limit), locking at the
 * limit, back-off doubling to its cap, the back-off forgotten after a quiet spell, and a success
 * clearing it all unless a lock came first. Three attempts lock for 1 minute, doubling up to 4.
 */
class LoginThrottleIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;

    private final MovableClock clock = new MovableClock();
    private LoginThrottle throttle;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void fresh() {
        database.superuser().useHandle(h -> h.execute("TRUNCATE login_throttle"));
        AuthConfiguration.Lockout settings = new AuthConfiguration.Lockout();
        settings.setMaxFailures(3);
        settings.setFailureWindow(Duration.minutes(15));
        settings.setDuration(Duration.minutes(1));
        settings.setMaxDuration(Duration.minutes(4));
        throttle = new LoginThrottle(jdbi, clock, settings);
        clock.now = T0;
    }

    private static byte[] key(int b) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) b);
        return key;
    }

    /** One wrong password: admitted (counted), verified, rejected. */
    private LoginThrottle.Failure fail(byte[] name) {
        LoginThrottle.Admission admission = throttle.admit(name);
        assertThat(admission.outcome()).as("admitted").isEqualTo(LoginThrottle.Outcome.ADMITTED);
        return throttle.recordFailure(name);
    }

    @Test
    void anAttemptIsCountedWhenAdmittedBeforeItsPasswordIsChecked() {
        byte[] name = key(7);
        // Three attempts still being verified (none has failed yet) spend the budget of three.
        for (int i = 1; i <= 3; i++) {
            assertThat(throttle.admit(name)).isEqualTo(new LoginThrottle.Admission(LoginThrottle.Outcome.ADMITTED, i, null));
        }
        LoginThrottle.Admission fourth = throttle.admit(name);
        assertThat(fourth.outcome()).as("the one after locks").isEqualTo(LoginThrottle.Outcome.LOCKED_NOW);
        assertThat(fourth.lockedUntil()).isEqualTo(T0.plusSeconds(60));
        assertThat(throttle.admit(name)).isEqualTo(new LoginThrottle.Admission(LoginThrottle.Outcome.LOCKED, 0,
                T0.plusSeconds(60)));
        assertThat(throttle.recordFailure(name).lockedNow()).as("locked once, not again by the failures").isFalse();
    }

    @Test
    void aSuccessVerifiedWhileOthersLockedTheNameNeitherGetsInNorClearsTheLock() {
        byte[] name = key(8);
        assertThat(throttle.admit(name).outcome()).as("the right password, admitted first")
                .isEqualTo(LoginThrottle.Outcome.ADMITTED);
        throttle.admit(name);
        throttle.admit(name);
        assertThat(throttle.admit(name).outcome()).isEqualTo(LoginThrottle.Outcome.LOCKED_NOW);
        assertThat(throttle.succeeded(name)).as("the lock wins").contains(T0.plusSeconds(60));
        assertThat(throttle.lockedUntil(name)).as("and stays").contains(T0.plusSeconds(60));
        assertThat(throttle.admit(name).outcome()).isEqualTo(LoginThrottle.Outcome.LOCKED);
    }

    @Test
    void concurrentAttemptsNeverAdmitMoreThanTheLimit() throws Exception {
        byte[] name = key(9);
        int attempts = 100;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<LoginThrottle.Outcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return throttle.admit(name).outcome();
                }));
            }
            start.countDown();
            java.util.Map<LoginThrottle.Outcome, Integer> counts = new java.util.EnumMap<>(LoginThrottle.Outcome.class);
            for (var outcome : outcomes) {
                counts.merge(outcome.get(), 1, Integer::sum);
            }
            assertThat(counts).containsEntry(LoginThrottle.Outcome.ADMITTED, 3)
                    .containsEntry(LoginThrottle.Outcome.LOCKED_NOW, 1)
                    .containsEntry(LoginThrottle.Outcome.LOCKED, attempts - 4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void locksAtTheLimitForTheDurationAndOnlyThatName() {
        byte[] name = key(1);
        assertThat(fail(name)).isEqualTo(new LoginThrottle.Failure(1, null));
        clock.plusSeconds(10);
        assertThat(fail(name)).isEqualTo(new LoginThrottle.Failure(2, null));
        assertThat(throttle.lockedUntil(name)).isEmpty();

        clock.plusSeconds(10);
        LoginThrottle.Failure third = fail(name);
        assertThat(third.lockedNow()).isTrue();
        assertThat(third.failures()).isEqualTo(3);
        assertThat(third.lockedUntil()).isEqualTo(T0.plusSeconds(20 + 60));
        assertThat(throttle.lockedUntil(name)).contains(T0.plusSeconds(80));
        assertThat(throttle.lockedUntil(key(2))).as("another name").isEmpty();

        clock.plusSeconds(60);
        assertThat(throttle.lockedUntil(name)).as("the lock ends at its time").isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowStartANewCount() {
        byte[] name = key(3);
        fail(name);
        fail(name);
        clock.plusSeconds(15 * 60 + 1);
        assertThat(fail(name)).isEqualTo(new LoginThrottle.Failure(1, null));
        assertThat(fail(name).lockedNow()).isFalse();
        assertThat(fail(name).lockedNow()).isTrue();
    }

    @Test
    void eachFurtherLockLastsTwiceAsLongUpToTheCap() {
        byte[] name = key(4);
        long[] expectedSeconds = {60, 120, 240, 240};
        for (long expected : expectedSeconds) {
            LoginThrottle.Failure failure = null;
            for (int i = 0; i < 3; i++) {
                failure = fail(name);
            }
            assertThat(failure.lockedNow()).isTrue();
            assertThat(failure.lockedUntil()).isEqualTo(clock.now.plusSeconds(expected));
            // Failures start counting again from zero after a lock.
            clock.now = failure.lockedUntil().plusSeconds(1);
        }
    }

    @Test
    void theBackOffIsForgottenAfterTheCapWithoutFailures() {
        byte[] name = key(5);
        for (int i = 0; i < 3; i++) {
            fail(name);
        }
        // Locked for 1 minute; then quiet for longer than the cap (4 minutes) after the lock ended.
        clock.plusSeconds(60 + 4 * 60 + 1);
        fail(name);
        fail(name);
        LoginThrottle.Failure locked = fail(name);
        assertThat(locked.lockedUntil()).as("back to the first duration").isEqualTo(clock.now.plusSeconds(60));
    }

    @Test
    void aSuccessClearsTheCountAndTheBackOff() {
        byte[] name = key(6);
        for (int i = 0; i < 3; i++) {
            fail(name);
        }
        clock.plusSeconds(61);
        assertThat(throttle.admit(name).outcome()).isEqualTo(LoginThrottle.Outcome.ADMITTED);
        assertThat(throttle.succeeded(name)).isEmpty();
        assertThat(fail(name)).isEqualTo(new LoginThrottle.Failure(1, null));
        fail(name);
        assertThat(fail(name).lockedUntil()).as("no back-off left")
                .isEqualTo(clock.now.plusSeconds(60));
        assertThat(TestDatabases.one(jdbi, "SELECT count(*) FROM login_throttle", Long.class)).isEqualTo(1);
    }

    @Test
    void lockDurationDoublesAndIsCapped() {
        assertThat(throttle.lockDuration(0)).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(throttle.lockDuration(1)).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(throttle.lockDuration(2)).isEqualTo(java.time.Duration.ofMinutes(4));
        assertThat(throttle.lockDuration(30)).isEqualTo(java.time.Duration.ofMinutes(4));
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        Instant now = T0;

        void plusSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
