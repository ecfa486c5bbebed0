package org.membergateway.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditReviewDao.FlaggedEntry;

/**
 * Behaviour in the trail that an auditor should look at, each flag with the entries that raised it.
 * A flag is not a finding: it says where to look (a busy campaign week is a legitimate reason for
 * a large export). The rules, in the union's zone:
 *
 * <ul>
 *   <li><b>volume</b>: a requester's exports built in the last 7 days hold more than
 *       {@link Thresholds#volumeFloorRows} rows and more than {@link Thresholds#volumeFactor} times the
 *       median of their weekly rows over the {@link Thresholds#baselineWeeks} weeks before;</li>
 *   <li><b>odd hours</b>: an export built or downloaded between {@link Thresholds#oddHoursFrom}:00 and
 *       {@link Thresholds#oddHoursUntil}:00;</li>
 *   <li><b>repeated denials</b>: at least {@link Thresholds#denialsMin} DENIED decisions by one actor
 *       within {@link Thresholds#denialsWithinHours} hours;</li>
 *   <li><b>candidates</b>: decisions whose reasons include {@code CANDIDATE_IN_SCOPE} (a declared
 *       candidate asking inside their own election's scope, confidentiality §5);</li>
 *   <li><b>downloads after the end</b>: downloads refused because the export had expired, been
 *       destroyed or used up (tallied {@code ACCESS_REFUSED} entries, {@code EXPORT_GONE} or
 *       {@code DOWNLOAD_LIMIT_REACHED}): someone keeps trying to get a list they no longer may;</li>
 *   <li><b>probing</b>: reads, approvals or exports of list requests and exports that are not the
 *       caller's or do not exist (tallied {@code ACCESS_REFUSED} entries, {@code LIST_REQUEST_NOT_VISIBLE},
 *       {@code LIST_REQUEST_NOT_EXPORTABLE} or {@code EXPORT_NOT_VISIBLE}): someone looking for lists
 *       outside their scope.</li>
 *   <li><b>election windows</b>: list requests by sitting officers that reach an election's
 *       electorate during its window ({@link ElectionWindows}; confidentiality §5), one flag per
 *       officer and election, with the decisions on those requests.</li>
 * </ul>
 */
public final class AuditFlags {

    /** How many entries each rule reads at most; a flag lists at most this many. */
    static final int MAX_ENTRIES = 500;
    static final String CANDIDATE_RULE = "CANDIDATE_IN_SCOPE";

    /** The thresholds of the rules; {@link #DEFAULT} is what the pages use. */
    public record Thresholds(Duration lookBack, int baselineWeeks, long volumeFloorRows, double volumeFactor,
                             int oddHoursFrom, int oddHoursUntil, int denialsMin, int denialsWithinHours) {
        public static final Thresholds DEFAULT = new Thresholds(Duration.ofDays(30), 13, 1_000, 3.0, 22, 6, 3, 24);
    }

    public enum Kind { VOLUME, ODD_HOURS, REPEATED_DENIALS, CANDIDATE, REFUSED_DOWNLOADS, PROBING, ELECTION_WINDOW }

    /**
     * The election calendar's flagged requests (the elections package computes them): for the
     * elections whose window holds part of the look-back, who asked for which requests.
     */
    @FunctionalInterface
    public interface ElectionWindows {
        List<WindowRequests> since(Instant since);
    }

    /** One officer's requests in one election's window; {@code election} names it (id and name, no member data). */
    public record WindowRequests(String election, String requester, List<Long> requestIds) {
        public WindowRequests {
            requestIds = List.copyOf(requestIds);
        }
    }

    /**
     * One actor's flag of one kind.
     *
     * @param entries the entries that raised it, oldest first (at most {@link #MAX_ENTRIES})
     * @param from where a search for them starts
     * @param to where it ends (exclusive)
     * @param action the action such a search filters on
     * @param decision the decision it filters on, or null
     * @param recentRows VOLUME: rows exported in the last week; otherwise the rows of the entries
     * @param weeklyMedian VOLUME: the median of the weeks before; otherwise 0
     * @param subject ELECTION_WINDOW: the election; otherwise null
     */
    public record Flag(Kind kind, String actor, List<FlaggedEntry> entries, Instant from, Instant to, String action,
                       String decision, long recentRows, double weeklyMedian, String subject) {
        public Flag {
            entries = List.copyOf(entries);
        }

        public Flag(Kind kind, String actor, List<FlaggedEntry> entries, Instant from, Instant to, String action,
                    String decision, long recentRows, double weeklyMedian) {
            this(kind, actor, entries, from, to, action, decision, recentRows, weeklyMedian, null);
        }

        public Instant firstAt() {
            return entries.get(0).at();
        }

        public Instant lastAt() {
            return entries.get(entries.size() - 1).at();
        }
    }

    /**
     * Every flag raised as of {@code at}.
     *
     * @param since the start of the look-back of the odd-hours, denial and candidate rules
     * @param recentSince the start of the volume rule's last week
     */
    public record Flags(Instant at, Instant since, Instant recentSince, Thresholds thresholds, ZoneId zone,
                        List<Flag> volume, List<Flag> oddHours, List<Flag> repeatedDenials, List<Flag> candidates,
                        List<Flag> refusedDownloads, List<Flag> probing, List<Flag> electionWindows) {
        /** Without election windows (a gateway, or a test, that has no election calendar). */
        public Flags(Instant at, Instant since, Instant recentSince, Thresholds thresholds, ZoneId zone,
                     List<Flag> volume, List<Flag> oddHours, List<Flag> repeatedDenials, List<Flag> candidates,
                     List<Flag> refusedDownloads, List<Flag> probing) {
            this(at, since, recentSince, thresholds, zone, volume, oddHours, repeatedDenials, candidates,
                    refusedDownloads, probing, List.of());
        }

        public int count() {
            return volume.size() + oddHours.size() + repeatedDenials.size() + candidates.size() + refusedDownloads.size()
                    + probing.size() + electionWindows.size();
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Thresholds thresholds;
    private final String zone;
    private final ElectionWindows electionWindows;

    /** @param clock in the union's time zone: odd hours are its hours */
    public AuditFlags(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, Thresholds.DEFAULT);
    }

    public AuditFlags(Jdbi jdbi, Clock clock, Thresholds thresholds) {
        this(jdbi, clock, thresholds, since -> List.of());
    }

    public AuditFlags(Jdbi jdbi, Clock clock, Thresholds thresholds, ElectionWindows electionWindows) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.thresholds = thresholds;
        this.zone = postgresZone(clock.getZone());
        this.electionWindows = electionWindows;
    }

    /** The same flags with the election calendar's added. */
    public AuditFlags withElectionWindows(ElectionWindows windows) {
        return new AuditFlags(jdbi, clock, thresholds, windows);
    }

    public Flags flags() {
        Instant now = clock.instant();
        Instant since = now.minus(thresholds.lookBack());
        Instant recentSince = now.minus(Duration.ofDays(7));
        OffsetDateTime to = utc(now);
        return jdbi.withExtension(AuditReviewDao.class, dao -> {
            List<Flag> volume = dao.volumeAboveUsual(utc(recentSince), to, thresholds.baselineWeeks(),
                    thresholds.volumeFloorRows(), thresholds.volumeFactor(), MAX_ENTRIES).stream()
                    .map(row -> new Flag(Kind.VOLUME, row.actor(), dao.exportsBy(row.actor(), utc(recentSince), to,
                            MAX_ENTRIES), recentSince, now, "DATA_RELEASE", "EXPORTED", row.recentRows(), row.weeklyMedian()))
                    .toList();
            List<Flag> oddHours = byActor(Kind.ODD_HOURS, dao.releasesAtHours(zone, utc(since), to,
                    thresholds.oddHoursFrom(), thresholds.oddHoursUntil(), MAX_ENTRIES), since, now, "DATA_RELEASE", null);
            List<Flag> denials = byActor(Kind.REPEATED_DENIALS, dao.repeatedDenials(utc(since), to,
                    thresholds.denialsMin(), thresholds.denialsWithinHours(), MAX_ENTRIES), since, now, "DECISION", "DENIED");
            List<Flag> candidates = byActor(Kind.CANDIDATE, dao.decisionsCiting(CANDIDATE_RULE, utc(since), to, MAX_ENTRIES),
                    since, now, "DECISION", null);
            List<Flag> refusedDownloads = tallied(Kind.REFUSED_DOWNLOADS,
                    dao.refusedDownloads(utc(since), to, MAX_ENTRIES), since, now);
            List<Flag> probing = tallied(Kind.PROBING, dao.probing(utc(since), to, MAX_ENTRIES), since, now);
            List<Flag> windows = new ArrayList<>();
            for (WindowRequests requests : electionWindows.since(since)) {
                // The decisions on the flagged requests: the trail's own record of who asked what, when.
                String[] targets = requests.requestIds().stream().map(id -> "list-request:" + id).toArray(String[]::new);
                List<FlaggedEntry> entries = dao.decisionsOn(requests.requester(), targets, MAX_ENTRIES);
                if (!entries.isEmpty()) {
                    windows.add(new Flag(Kind.ELECTION_WINDOW, requests.requester(), entries, since, now, "DECISION", null,
                            requests.requestIds().size(), 0, requests.election()));
                }
            }
            return new Flags(now, since, recentSince, thresholds, clock.getZone(), volume, oddHours, denials, candidates,
                    refusedDownloads, probing, List.copyOf(windows));
        });
    }

    /**
     * One flag per actor of tallied refusals; its {@code recentRows} is how many were refused. A
     * window's refusals are its summary's rows ({@code TALLIED}), or 1 when it had only its first entry.
     */
    private static List<Flag> tallied(Kind kind, List<FlaggedEntry> entries, Instant from, Instant to) {
        Map<String, List<FlaggedEntry>> byActor = new LinkedHashMap<>();
        for (FlaggedEntry entry : entries) {
            byActor.computeIfAbsent(entry.actor(), a -> new ArrayList<>()).add(entry);
        }
        return byActor.entrySet().stream().map(e -> {
            Map<String, Long> perWindow = new LinkedHashMap<>();
            for (FlaggedEntry entry : e.getValue()) {
                long refused = "TALLIED".equals(entry.decision()) && entry.rows() != null ? entry.rows() : 1;
                perWindow.merge(entry.target() + " " + entry.reasons(), refused, Math::max);
            }
            long total = perWindow.values().stream().mapToLong(Long::longValue).sum();
            return new Flag(kind, e.getKey(), e.getValue(), from, to, "ACCESS_REFUSED", null, total, 0);
        }).toList();
    }

    /** One flag per actor, in the order their first entry came. */
    private static List<Flag> byActor(Kind kind, List<FlaggedEntry> entries, Instant from, Instant to, String action,
                                      String decision) {
        Map<String, List<FlaggedEntry>> byActor = new LinkedHashMap<>();
        for (FlaggedEntry entry : entries) {
            byActor.computeIfAbsent(entry.actor(), a -> new ArrayList<>()).add(entry);
        }
        return byActor.entrySet().stream()
                .map(e -> new Flag(kind, e.getKey(), e.getValue(), from, to, action, decision,
                        e.getValue().stream().mapToLong(f -> f.rows() == null ? 0 : f.rows()).sum(), 0))
                .toList();
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /**
     * The zone's name as PostgreSQL's {@code AT TIME ZONE} reads it. Region ids are the same in
     * both; a fixed offset is written as POSIX {@code Etc/GMT} zones are, with the sign reversed.
     */
    static String postgresZone(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (!(normalized instanceof ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        if (seconds % 3600 != 0) {
            throw new IllegalArgumentException("the union's time zone " + zone + " must be a region such as America/Los_Angeles");
        }
        int hours = seconds / 3600;
        return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
    }
}
