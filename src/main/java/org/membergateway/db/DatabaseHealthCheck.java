package org.membergateway.db;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/**
 * The database answers a query through the request pool: red while PostgreSQL is down or
 * unreachable, or the pool cannot hand out a connection (Dropwizard's own pool checks,
 * {@code postgresql} and {@code audit-writer}, sit beside it). Reports the server's version.
 */
public final class DatabaseHealthCheck extends HealthCheck {

    private final Jdbi jdbi;

    public DatabaseHealthCheck(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    protected Result check() {
        // A setting every role may read: the check needs no privilege on the gateway's tables.
        String version = jdbi.withHandle(h -> h.createQuery("SELECT current_setting('server_version')")
                .mapTo(String.class).one());
        return Result.healthy("PostgreSQL " + version);
    }
}
