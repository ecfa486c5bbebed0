package org.membergateway.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.membergateway.GatewayApplication;

/**
 * The gateway with {@link #CLOCK} as the clock of its services, for tests that move time through
 * the running server (the audit tallies' windows). One clock per JVM: only one test class uses it.
 */
public class ClockedGatewayApplication extends GatewayApplication {

    /** Starts at the beginning of an hour, so windows of a few minutes begin on the test's steps. */
    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"),
            ZoneId.of("America/Los_Angeles"));

    @Override
    protected Clock clock(ZoneId zone) {
        return CLOCK;
    }
}
