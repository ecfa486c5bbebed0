package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.util.Duration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * When the gateway signs checkpoints by itself: after {@code checkpointEveryEntries} new entries,
 * or once {@code checkpointInterval} has passed with at least one; never with neither, nor with
 * automatic checkpoints off. The timer is a scheduler the test drives and the clock one it
 * advances, so every checkpoint here happens exactly where the test says.
 */
class CheckpointScheduleIntegrationTest {

    private static final java.time.Duration HANDOVER_TIMEOUT = java.time.Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private SplitRoles db;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private AuditService audit;

    @BeforeEach
    void openDatabase() {
        db = TestDatabases.openFreshWithAppRole();
    }

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
        db.close();
    }

    /** Starts the service; its first entry records the new signing key. */
    private void start(long everyEntries, Duration interval, boolean automatic) {
        AuditConfiguration configuration = new AuditConfiguration();
        configuration.setCheckpointEveryEntries(everyEntries);
        configuration.setCheckpointInterval(interval);
        configuration.setAutomaticCheckpoints(automatic);
        audit = AuditService.start(configuration, dataDir, db.app(), AuditTestSupport.KEY_PASSPHRASE, Clock.systemUTC(), scheduler, nanos::get);
    }

    private void record(int entries) {
        for (int i = 0; i < entries; i++) {
            audit.trail().record(AuditTestSupport.decision("alice", i));
        }
    }

    private List<Long> checkpointSizes() {
        return db.app().withHandle(h -> h.createQuery("SELECT tree_size FROM audit_checkpoints ORDER BY tree_size")
                .mapTo(Long.class).list());
    }

    private void advance(java.time.Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void aCheckpointIsSignedOnceTheIntervalHasPassedWithANewEntry() throws Exception {
        start(1_000, Duration.seconds(10), true);
        assertThat(scheduler.period()).as("the timer looks every second at most").isEqualTo(java.time.Duration.ofSeconds(1));
        scheduler.runHandedOver(HANDOVER_TIMEOUT); // the first look, at start
        record(2);

        scheduler.endPeriod();
        advance(java.time.Duration.ofSeconds(10).minusNanos(1));
        scheduler.endPeriod();
        assertThat(checkpointSizes()).as("not before the interval").isEmpty();

        advance(java.time.Duration.ofNanos(1));
        scheduler.endPeriod();
        assertThat(checkpointSizes()).containsExactly(3L);

        advance(java.time.Duration.ofMinutes(5));
        scheduler.endPeriod();
        assertThat(checkpointSizes()).as("nothing new, nothing to sign").containsExactly(3L);

        // Long after the last checkpoint, a new entry is signed at the next look.
        record(1);
        scheduler.endPeriod();
        assertThat(checkpointSizes()).containsExactly(3L, 4L);

        record(1);
        advance(java.time.Duration.ofSeconds(9));
        scheduler.endPeriod();
        assertThat(checkpointSizes()).as("the interval counts from the last checkpoint").containsExactly(3L, 4L);
        advance(java.time.Duration.ofSeconds(1));
        scheduler.endPeriod();
        assertThat(checkpointSizes()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aCheckpointIsSignedAfterEveryEntriesWithoutWaitingForTheInterval() throws Exception {
        start(5, Duration.hours(1), true);
        scheduler.runHandedOver(HANDOVER_TIMEOUT);
        record(3);
        scheduler.endPeriod();
        assertThat(checkpointSizes()).as("4 entries of 5").isEmpty();

        // The writer hands the checkpoint over after the fifth commit; no time passes.
        record(1);
        scheduler.runHandedOver(HANDOVER_TIMEOUT);
        assertThat(checkpointSizes()).containsExactly(5L);

        record(4);
        scheduler.endPeriod();
        assertThat(checkpointSizes()).containsExactly(5L);
        record(1);
        scheduler.runHandedOver(HANDOVER_TIMEOUT);
        assertThat(checkpointSizes()).containsExactly(5L, 10L);
    }

    @Test
    void withAutomaticCheckpointsOffOnlyAnExplicitRequestSigns() {
        start(1, Duration.milliseconds(10), false);
        assertThat(scheduler.period()).as("no timer").isNull();
        record(3);
        // Each record() returns after the writer finished the previous batch, callback included.
        assertThat(scheduler.handedOverCount()).isZero();
        advance(java.time.Duration.ofHours(1));
        assertThat(checkpointSizes()).isEmpty();

        assertThat(audit.checkpointNow().orElseThrow().treeSize()).isEqualTo(4);
        record(3);
        assertThat(scheduler.handedOverCount()).as("an explicit checkpoint does not start the count").isZero();
        assertThat(checkpointSizes()).containsExactly(4L);
    }
}
