package org.membergateway.audit;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/**
 * Red when the gateway's database role may not append to the audit trail. The gateway then refuses
 * every state-changing request (fail closed), while the database itself still answers: the
 * connection check alone would stay green and a load balancer would keep sending traffic to an
 * instance that can only say 503.
 */
public final class AuditHealthCheck extends HealthCheck {

    private final Jdbi jdbi;

    public AuditHealthCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    protected Result check() {
        boolean canAppend = jdbi.withHandle(h -> h.createQuery(
                        "SELECT has_table_privilege(current_user, 'audit_entries', 'INSERT')")
                .mapTo(Boolean.class).one());
        return canAppend ? Result.healthy()
                : Result.unhealthy("The database role may not append to the audit trail: every state-changing request is refused.");
    }
}
