package org.membergateway.exports;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/**
 * The export store's use against its quota. Red when it is full: when live exports take the whole
 * quota, or a build was refused for want of room since their total last went down. Every instance
 * sees the same total (the blobs are in the database), the refusal only on the instance that made it.
 */
public final class ExportStoreHealthCheck extends HealthCheck {

    private final Jdbi jdbi;
    private final ExportBlobStore store;

    public ExportStoreHealthCheck(Jdbi jdbi, ExportBlobStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    @Override
    protected Result check() {
        ExportBlobStore.Usage usage = jdbi.withHandle(store::usage);
        String use = usage.usedBytes() + " of " + usage.quotaBytes() + " bytes in use (" + usage.percent() + "%)";
        return usage.full()
                ? Result.unhealthy("The export store is full, " + use + ": new exports are refused (507) until live ones"
                        + " are downloaded, expire or are destroyed.")
                : Result.healthy(use);
    }
}
