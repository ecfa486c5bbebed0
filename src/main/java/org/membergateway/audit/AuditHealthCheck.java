package org.membergateway.audit;

import com.codahale.metrics.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Red when the trail cannot be trusted to hold what the gateway does, while the database itself
 * may still answer (so the connection check alone would stay green):
 * <ul>
 * <li>the gateway's database role may not append to the trail: every state-changing request is
 *     refused (fail closed), and a load balancer should stop sending traffic to an instance that
 *     can only say 503;</li>
 * <li>an entry has waited longer than {@code maxCheckpointWait} for a signed checkpoint: the
 *     checkpointer has stopped (its key, its thread, its connections), and entries nobody has signed
 *     are entries an outside auditor cannot hold the gateway to.</li>
 * </ul>
 * An idle trail is healthy however old its last checkpoint: checkpoints are signed only over new
 * entries. The message gives the head seq, the last checkpoint's size and age; nothing else.
 */
public final class AuditHealthCheck extends HealthCheck {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration maxCheckpointWait;

    /**
     * @param clock the gateway's clock, against which entries' and checkpoints' times are aged
     * @param maxCheckpointWait how long an entry may wait for a checkpoint before this check is red
     *     (AuditConfiguration#checkpointWaitLimit); null: not judged (automatic checkpoints off)
     */
    public AuditHealthCheck(Jdbi jdbi, Clock clock, Duration maxCheckpointWait) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.maxCheckpointWait = maxCheckpointWait;
    }

    @Override
    protected Result check() {
        boolean canAppend = jdbi.withHandle(h -> h.createQuery(
                        "SELECT has_table_privilege(current_user, 'audit_entries', 'INSERT')")
                .mapTo(Boolean.class).one());
        if (!canAppend) {
            return Result.unhealthy("The database role may not append to the audit trail: every state-changing request is refused.");
        }
        AuditHealthDao.Head head = jdbi.withExtension(AuditHealthDao.class, AuditHealthDao::head);
        Instant now = clock.instant();
        String state = "head " + head.head() + ", " + (head.checkpointSize() == null ? "no checkpoint yet"
                : "last checkpoint at tree size " + head.checkpointSize() + ", "
                + age(head.checkpointAt().toInstant(), now) + " old");
        if (head.waitingSince() != null && maxCheckpointWait != null) {
            Duration waited = Duration.between(head.waitingSince().toInstant(), now);
            if (waited.compareTo(maxCheckpointWait) > 0) {
                return Result.builder().unhealthy()
                        .withMessage("%s: entries have waited %s for a signed checkpoint (more than %s)",
                                state, age(head.waitingSince().toInstant(), now), maxCheckpointWait.toSeconds() + " s")
                        .withDetail("head", head.head()).withDetail("checkpointSize", covered(head))
                        .build();
            }
        }
        return Result.builder().healthy().withMessage(state)
                .withDetail("head", head.head()).withDetail("checkpointSize", covered(head)).build();
    }

    private static long covered(AuditHealthDao.Head head) {
        return head.checkpointSize() == null ? 0 : head.checkpointSize();
    }

    /** Whole seconds; a time ahead of the clock (another instance's, slightly off) reads as 0 s. */
    private static String age(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        return seconds + " s";
    }
}
