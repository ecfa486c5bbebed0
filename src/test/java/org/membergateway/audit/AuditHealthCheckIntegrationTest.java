package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * The audit health check on real PostgreSQL, its clock moved by the test and checkpoints signed
 * only when the test says: healthy with the head and the last checkpoint's size and age; red once
 * an entry has waited longer than the limit for a checkpoint, green again when one covers it; an
 * idle trail stays green however old its checkpoint; red when the role may not append.
 */
class AuditHealthCheckIntegrationTest {

    static final Duration LIMIT = Duration.ofMinutes(1);

    @TempDir
    Path dataDir;

    private SplitRoles db;
    private AuditService audit;
    private final MutableClock clock = MutableClock.startingNow();

    @BeforeEach
    void start() {
        db = TestDatabases.openFreshWithAppRole();
        audit = AuditTestSupport.start(db.app(), dataDir);
    }

    @AfterEach
    void close() {
        audit.close();
        db.close();
    }

    private Result check() {
        return new AuditHealthCheck(db.app(), clock, LIMIT).execute();
    }

    @Test
    void anEntryWaitingTooLongForACheckpointTurnsTheCheckRedUntilOneCoversIt() {
        // The first entry records the new signing key; two more here.
        audit.trail().record(AuditTestSupport.decision("alice", 1));
        audit.trail().record(AuditTestSupport.decision("alice", 2));
        long head = audit.size();
        Result fresh = check();
        assertThat(fresh.isHealthy()).as(fresh.getMessage()).isTrue();
        assertThat(fresh.getMessage()).isEqualTo("head " + head + ", no checkpoint yet");
        assertThat(fresh.getDetails()).containsEntry("head", head).containsEntry("checkpointSize", 0L);

        // Well past the limit, whatever real time the steps above took (entries carry the trail's real clock).
        clock.advance(LIMIT.plusMinutes(5));
        Result waited = check();
        assertThat(waited.isHealthy()).isFalse();
        assertThat(waited.getMessage()).startsWith("head " + head + ", no checkpoint yet: entries have waited ")
                .endsWith("for a signed checkpoint (more than 60 s)");

        audit.checkpointNow();
        Result covered = check();
        assertThat(covered.isHealthy()).as(covered.getMessage()).isTrue();
        assertThat(covered.getMessage()).startsWith("head " + head + ", last checkpoint at tree size " + head + ", ")
                .endsWith(" s old");
        assertThat(covered.getDetails()).containsEntry("checkpointSize", head);

        // Idle: the checkpoint ages, nothing waits for one.
        clock.advance(Duration.ofHours(5));
        Result idle = check();
        assertThat(idle.isHealthy()).as(idle.getMessage()).isTrue();
        assertThat(idle.getMessage()).matches("head " + head + ", last checkpoint at tree size " + head + ", (\\d+) s old");
        long age = Long.parseLong(idle.getMessage().replaceAll(".*, (\\d+) s old", "$1"));
        assertThat(age).isGreaterThanOrEqualTo(Duration.ofHours(5).toSeconds());

        // A new entry after the old checkpoint waits from its own time, not the checkpoint's.
        audit.trail().record(AuditTestSupport.decision("alice", 3));
        clock.advance(Duration.ofSeconds(1));
        // The entry's time is the trail's clock (real time), five hours behind the moved one: it reads as waited long.
        Result late = check();
        assertThat(late.isHealthy()).isFalse();
        assertThat(late.getMessage()).contains("last checkpoint at tree size " + head + ",")
                .contains("entries have waited");
        audit.checkpointNow();
        assertThat(check().isHealthy()).isTrue();
    }

    @Test
    void withoutALimitTheWaitIsReportedButNotJudged() {
        audit.trail().record(AuditTestSupport.decision("alice", 1));
        clock.advance(Duration.ofDays(2));
        Result result = new AuditHealthCheck(db.app(), clock, null).execute();
        assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
        assertThat(result.getMessage()).isEqualTo("head " + audit.size() + ", no checkpoint yet");
    }

    @Test
    void theLimitDefaultsToTwiceTheIntervalAndAtLeastAMinuteAndIsOffWithoutAutomaticCheckpoints() {
        AuditConfiguration configuration = new AuditConfiguration();
        assertThat(configuration.checkpointWaitLimit()).as("10 s interval").hasValue(Duration.ofMinutes(1));
        configuration.setCheckpointInterval(io.dropwizard.util.Duration.minutes(5));
        assertThat(configuration.checkpointWaitLimit()).hasValue(Duration.ofMinutes(10));
        configuration.setCheckpointMaxWait(io.dropwizard.util.Duration.minutes(3));
        assertThat(configuration.checkpointWaitLimit()).hasValue(Duration.ofMinutes(3));
        configuration.setAutomaticCheckpoints(false);
        assertThat(configuration.checkpointWaitLimit()).isEmpty();
    }

    @Test
    void aRoleThatMayNotAppendIsRedWhateverTheCheckpoints() {
        db.superuser().useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + TestDatabases.APP_ROLE));
        try {
            Result result = check();
            assertThat(result.isHealthy()).isFalse();
            assertThat(result.getMessage()).contains("may not append to the audit trail");
        } finally {
            db.superuser().useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + TestDatabases.APP_ROLE));
        }
    }
}
