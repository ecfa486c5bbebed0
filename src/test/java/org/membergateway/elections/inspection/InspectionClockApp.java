package org.membergateway.elections.inspection;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.membergateway.GatewayApplication;
import org.membergateway.testing.MutableClock;

/**
 * The gateway on a clock the inspection tests move (an inspection's expiry). Its own clock, not
 * {@link org.membergateway.testing.ClockedGatewayApplication}'s: one clock per test class that moves it.
 * 10:00 in Salem on 2026-12-01.
 */
public class InspectionClockApp extends GatewayApplication {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T18:00:00Z"),
            ZoneId.of("America/Los_Angeles"));

    @Override
    protected Clock clock(ZoneId zone) {
        return CLOCK;
    }
}
