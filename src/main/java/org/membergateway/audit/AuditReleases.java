package org.membergateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditReviewDao.ActorReleases;
import org.membergateway.audit.AuditReviewDao.DayReleases;

/**
 * Member data that left the gateway, counted from the trail's DATA_RELEASE entries: exports built
 * (decision EXPORTED, rows = the rows in the export) and downloads (DOWNLOADED, by the requester
 * or a vendor), per day of the union's calendar and per requester.
 */
public final class AuditReleases {

    /** The per-day chart's length. */
    public static final int DAYS = 30;
    /** Most requesters listed for one period. */
    public static final int MAX_REQUESTERS = 100;

    /** One day: how many exports were built (and their rows) and how many downloads were made. */
    public record Day(LocalDate day, long exportsBuilt, long rowsExported, long downloads) {
        public long releases() {
            return exportsBuilt + downloads;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final String zone;

    /** @param clock in the union's time zone: days are its calendar days */
    public AuditReleases(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = AuditFlags.postgresZone(clock.getZone());
    }

    /** Today in the union's zone. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The last {@link #DAYS} days up to today, oldest first, days without releases included. */
    public List<Day> perDay() {
        LocalDate last = today();
        LocalDate first = last.minusDays(DAYS - 1);
        List<DayReleases> rows = jdbi.withExtension(AuditReviewDao.class, dao -> dao.releasesPerDay(zone,
                AuditFlags.utc(startOf(first)), AuditFlags.utc(startOf(last.plusDays(1)))));
        Map<LocalDate, long[]> byDay = new HashMap<>();
        for (DayReleases row : rows) {
            long[] day = byDay.computeIfAbsent(row.day(), d -> new long[3]);
            if ("EXPORTED".equals(row.decision())) {
                day[0] += row.releases();
                day[1] += row.rows();
            } else if ("DOWNLOADED".equals(row.decision())) {
                day[2] += row.releases();
            }
        }
        List<Day> days = new ArrayList<>(DAYS);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long[] counts = byDay.getOrDefault(day, new long[3]);
            days.add(new Day(day, counts[0], counts[1], counts[2]));
        }
        return days;
    }

    /** Releases per requester (person or {@code vendor:<id>}) from {@code first} to {@code last}, both days included. */
    public List<ActorReleases> perRequester(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        return jdbi.withExtension(AuditReviewDao.class, dao -> dao.releasesPerActor(AuditFlags.utc(startOf(first)),
                AuditFlags.utc(startOf(last.plusDays(1))), MAX_REQUESTERS));
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toInstant();
    }
}
