package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * A caller that waited out the commit timeout was refused (its request rolled back), but its
 * entry stayed with the writer and committed later: the trail said CREATED, or APPROVED, for
 * something that did not exist. Here the writer is held at its append lock by another session
 * (as a second instance's long batch or a slow disk would) while two callers give up, one whose
 * entry the writer already holds and one still queued; once the lock is free, neither may be in
 * the trail, and the next entry follows the last one written before them.
 */
class AuditCommitTimeoutIntegrationTest {

    private static SplitRoles db;

    @BeforeAll
    static void open() {
        db = TestDatabases.openFreshWithAppRole();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void anEntryWhoseCallerGaveUpIsNeverWritten() throws Exception {
        AuditStore store = new AuditStore(db.app(), Clock.systemUTC());
        try (GroupCommitAuditTrail trail = new GroupCommitAuditTrail(store, new AuditLogSink(), 100, 100,
                Duration.ofSeconds(2), seq -> { })) {
            AuditEntry before = trail.record(AuditTestSupport.decision("before", 1));
            try (Handle holder = db.superuser().open()) {
                holder.execute("SELECT pg_advisory_lock(?)", AuditStore.APPEND_LOCK);
                CompletableFuture<AuditEntry> held = CompletableFuture.supplyAsync(
                        () -> trail.record(AuditTestSupport.decision("held", 2)));
                // The writer has taken the first entry and waits for the lock inside its transaction.
                AuditTestSupport.await("the writer waits for the append lock", Duration.ofSeconds(30), () -> db.superuser()
                        .withHandle(h -> h.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                + " AND NOT granted").mapTo(Long.class).one()) > 0);
                CompletableFuture<AuditEntry> queued = CompletableFuture.supplyAsync(
                        () -> trail.record(AuditTestSupport.decision("queued", 3)));
                assertRefused(held);
                assertRefused(queued);
                holder.execute("SELECT pg_advisory_unlock(?)", AuditStore.APPEND_LOCK);
            }
            // The writer takes entries in order: once this one is back, the held batch is finished.
            AuditEntry after = trail.record(AuditTestSupport.decision("after", 4));
            assertThat(after.seq()).as("nothing was written between").isEqualTo(before.seq() + 1);
            assertThat(after.prevHash()).isEqualTo(before.hash());
            long abandoned = db.superuser().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM audit_entries WHERE actor IN ('held', 'queued')").mapTo(Long.class).one());
            assertThat(abandoned).as("entries whose callers were refused").isZero();
            AuditVerification verification = new AuditVerifier(db.app(), "member-gateway/audit", java.util.List.of()).verify();
            assertThat(verification.valid()).as(verification.toString()).isTrue();
            assertThat(verification.entries()).isEqualTo(after.seq());
        }
    }

    private static void assertRefused(CompletableFuture<AuditEntry> call) {
        assertThatThrownBy(() -> call.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("not committed within");
    }
}
