package org.membergateway.exports;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The expiry sweep: destroys every export past its expiry or download limit and marks builds that
 * stopped making progress (their process died) as failed. Run on a schedule by the application;
 * a failed sweep changes nothing it did not finish and is simply run again.
 */
public final class ExportSweeper {

    private final Jdbi jdbi;
    private final ExportShredder shredder;
    private final ExportsConfiguration config;
    private final Clock clock;

    public ExportSweeper(Jdbi jdbi, ExportShredder shredder, ExportsConfiguration config, Clock clock) {
        this.jdbi = jdbi;
        this.shredder = shredder;
        this.config = config;
        this.clock = clock;
    }

    /** @return how many exports were destroyed */
    public int sweep() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ExportDao.Due> due = jdbi.withExtension(ExportDao.class, exports -> {
            exports.failStalled(now.minus(config.getStalledAfter().toJavaDuration()));
            return exports.due(now);
        });
        for (ExportDao.Due export : due) {
            shredder.destroy(export.id(), export.reason());
        }
        return due.size();
    }
}
