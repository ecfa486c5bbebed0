package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.audit.AuditFlags.Flag;
import org.membergateway.audit.AuditFlags.Flags;
import org.membergateway.audit.AuditReviewDao.ActorReleases;
import org.membergateway.audit.AuditReviewDao.FlaggedEntry;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * The auditors' flags, release counts and CSV report over a trail written the way the gateway
 * writes it: through the real group-commit trail on PostgreSQL, with a clock the test moves, so
 * that a history of 15 weeks is written in order and "now" is a fixed moment. Each flag has its
 * cases that must raise it and its near misses that must not.
 */
class AuditReviewIntegrationTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** Noon in the union's zone on a Monday; the history runs up to here. */
    static final Instant NOW = LocalDateTime.of(2026, 6, 15, 12, 0).atZone(ZONE).toInstant();

    @TempDir
    static Path dataDir;

    static SplitRoles db;
    static AuditService audit;
    static MutableClock clock;
    static Flags flags;
    /** The last seq of the history; tests record after it, at NOW. */
    static long historyHead;

    /** An event to be recorded at a moment of the history. */
    record Planned(Instant at, AuditEvent event) {
    }

    static final List<Planned> HISTORY = new ArrayList<>();

    static Instant local(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ZONE).toInstant();
    }

    static LocalDate today() {
        return LocalDate.ofInstant(NOW, ZONE);
    }

    static void plan(Instant at, AuditEvent event) {
        HISTORY.add(new Planned(at, event));
    }

    static AuditEvent exported(String actor, long rows) {
        return AuditEvent.of(AuditEventType.DATA_RELEASE, actor, "export:" + java.util.UUID.randomUUID())
                .withDecision("EXPORTED").withRows(rows).withExportDigest(String.format("%064x", rows));
    }

    static AuditEvent downloaded(String actor, long rows) {
        return AuditEvent.of(AuditEventType.DATA_RELEASE, actor, "export:" + java.util.UUID.randomUUID())
                .withDecision("DOWNLOADED").withRows(rows).withExportDigest(String.format("%064x", rows + 1));
    }

    static AuditEvent denied(String actor, String... reasons) {
        return AuditEvent.of(AuditEventType.DECISION, actor, "list-request:denied:LOCAL_COMMUNICATION:LOCAL:L083")
                .withDecision("DENIED").withReasons(List.of(reasons.length == 0 ? new String[] {"OUT_OF_SCOPE"} : reasons))
                .withPolicyVersion("sha256:test");
    }

    @BeforeAll
    static void writeHistory() {
        LocalDate today = today();
        // Volume. Weeks are counted back from a week before now; exports at noon, so never at odd hours.
        for (int week = 1; week <= 13; week++) {
            LocalDate day = today.minusDays(7L * week + 3);
            plan(local(day, 12, 0), exported("steady", 2_000));
            plan(local(day, 12, 5), exported("surge", 500));
        }
        plan(local(today.minusDays(2), 12, 0), exported("steady", 4_000));           // 2x its median: fine
        plan(local(today.minusDays(3), 12, 0), exported("surge", 3_000));
        plan(local(today.minusDays(1), 12, 0), exported("surge", 2_000));            // 5,000 > 3 x 500
        plan(local(today.minusDays(1), 12, 30), downloaded("surge", 2_000));         // downloads do not add up
        plan(local(today.minusDays(2), 13, 0), exported("newcomer", 800));           // under the floor
        plan(local(today.minusDays(2), 13, 5), exported("newbig", 1_500));           // no history, over the floor
        plan(local(today.minusDays(9), 13, 0), exported("lastweek", 9_000));         // before the last 7 days

        // Odd hours: 22:00 to 06:00 in the union's zone, in the last 30 days.
        plan(local(today.minusDays(5), 23, 30), exported("nightowl", 10));
        plan(local(today.minusDays(4), 5, 59), downloaded("nightowl", 10));
        plan(local(today.minusDays(4), 22, 0), downloaded("vendor:7", 10));
        plan(local(today.minusDays(3), 6, 0), exported("earlybird", 10));            // 06:00 is day
        plan(local(today.minusDays(3), 21, 59), exported("earlybird", 10));          // 21:59 too
        plan(local(today.minusDays(40), 23, 0), exported("longago", 10));            // outside the 30 days
        plan(local(today.minusDays(6), 2, 0), denied("insomniac"));                  // not a release

        // Repeated denials: at least 3 DENIED decisions by one actor within 24 hours.
        Instant probe = local(today.minusDays(8), 9, 0);
        plan(probe, denied("prober"));
        plan(probe.plus(Duration.ofHours(10)), denied("prober", "FIELDS_EXCEED_PURPOSE"));
        plan(probe.plus(Duration.ofHours(24)), denied("prober"));
        Instant spread = local(today.minusDays(12), 9, 0);
        plan(spread, denied("unlucky"));
        plan(spread.plus(Duration.ofHours(25)), denied("unlucky"));
        plan(spread.plus(Duration.ofHours(50)), denied("unlucky"));
        plan(local(today.minusDays(10), 9, 0), denied("twice"));
        plan(local(today.minusDays(10), 9, 30), denied("twice"));
        for (int i = 0; i < 3; i++) {                                                 // rejected approvals are not denials
            plan(local(today.minusDays(11), 10, i), AuditEvent.of(AuditEventType.APPROVAL, "strict-president",
                    "list-request:" + (90 + i)).withDecision("REJECTED"));
        }

        // Declared candidates asking inside their own election's scope.
        plan(local(today.minusDays(7), 11, 0), AuditEvent.of(AuditEventType.DECISION, "candidate83", "list-request:77")
                .withDecision("PENDING_APPROVAL").withReasons(List.of("APPROVAL_REQUIRED", "CANDIDATE_IN_SCOPE")));
        plan(local(today.minusDays(6), 11, 0), AuditEvent.of(AuditEventType.DECISION, "lookalike", "list-request:78")
                .withDecision("PENDING_APPROVAL").withReasons(List.of("XCANDIDATE_IN_SCOPE", "CANDIDATE_IN_SCOPES")));
        plan(local(today.minusDays(45), 11, 0), AuditEvent.of(AuditEventType.DECISION, "oldcandidate", "list-request:5")
                .withDecision("PENDING_APPROVAL").withReasons(List.of("CANDIDATE_IN_SCOPE")));

        // Downloads after a list's end: a first refusal and its window's summary (7 tries), another
        // window's lone refusal, and someone else's single try at an export they may not see.
        plan(local(today.minusDays(3), 14, 0), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "keeper", "window:a")
                .withDecision("DENIED").withRows(1L).withReasons(List.of("EXPORT_GONE")));
        plan(local(today.minusDays(3), 14, 6), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "keeper", "window:a")
                .withDecision("TALLIED").withRows(7L).withReasons(List.of("EXPORT_GONE")));
        plan(local(today.minusDays(2), 14, 0), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "keeper", "window:b")
                .withDecision("DENIED").withRows(1L).withReasons(List.of("DOWNLOAD_LIMIT_REACHED")));
        plan(local(today.minusDays(2), 15, 0), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "curious", "window:c")
                .withDecision("DENIED").withRows(1L).withReasons(List.of("EXPORT_NOT_VISIBLE")));
        // Probing of requests: a first refusal of an approval and its summary (5 tries), an export try.
        plan(local(today.minusDays(2), 15, 1), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "curious", "window:c")
                .withDecision("DENIED").withRows(1L).withReasons(List.of("LIST_REQUEST_NOT_VISIBLE")));
        plan(local(today.minusDays(2), 15, 6), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "curious", "window:c")
                .withDecision("TALLIED").withRows(5L).withReasons(List.of("LIST_REQUEST_NOT_VISIBLE")));
        plan(local(today.minusDays(1), 9, 0), AuditEvent.of(AuditEventType.ACCESS_REFUSED, "curious", "window:d")
                .withDecision("DENIED").withRows(1L).withReasons(List.of("LIST_REQUEST_NOT_EXPORTABLE")));

        // For the report: a failed sign-in whose typed name a spreadsheet would run as a formula.
        plan(local(today.minusDays(1), 9, 0), AuditEvent.of(AuditEventType.LOGIN_FAILURE, "=HYPERLINK(\"x\")", null)
                .withDecision("BAD_CREDENTIALS"));
        plan(local(today.minusDays(1), 9, 5), AuditEvent.of(AuditEventType.LOGIN_FAILURE, "-2+3", null)
                .withDecision("BAD_CREDENTIALS"));

        HISTORY.sort(Comparator.comparing(Planned::at));
        clock = new MutableClock(HISTORY.get(0).at().minusSeconds(60), ZONE);
        db = TestDatabases.openFreshWithAppRole();
        AuditConfiguration configuration = new AuditConfiguration();
        configuration.setAutomaticCheckpoints(false);
        audit = AuditService.start(configuration, dataDir, db.app(), AuditTestSupport.KEY_PASSPHRASE, clock);
        for (Planned planned : HISTORY) {
            clock.advance(Duration.between(clock.instant(), planned.at()));
            audit.trail().record(planned.event());
        }
        clock.advance(Duration.between(clock.instant(), NOW));
        historyHead = audit.size();
        flags = new AuditFlags(db.app(), clock).flags();
    }

    @AfterAll
    static void close() {
        audit.close();
        db.close();
    }

    static List<String> actors(List<Flag> flags) {
        return flags.stream().map(Flag::actor).toList();
    }

    // ---- flags -------------------------------------------------------------------------------

    @Test
    void aRequesterFarAboveTheirWeeklyMedianIsFlaggedWithTheExportsOfTheLastWeek() {
        assertThat(actors(flags.volume())).containsExactly("surge", "newbig");
        Flag surge = flags.volume().get(0);
        assertThat(surge.recentRows()).isEqualTo(5_000);
        assertThat(surge.weeklyMedian()).isEqualTo(500);
        assertThat(surge.entries()).extracting(FlaggedEntry::rows).containsExactly(3_000L, 2_000L);
        assertThat(surge.entries()).allMatch(e -> e.action().equals("DATA_RELEASE") && e.decision().equals("EXPORTED"));
        assertThat(surge.from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(flags.volume().get(1).weeklyMedian()).as("no history: every week counts as 0").isZero();
    }

    @Test
    void exportsBuiltOrDownloadedAtNightAreFlaggedButNotAtSixOrBeforeTen() {
        assertThat(actors(flags.oddHours())).containsExactly("nightowl", "vendor:7");
        Flag owl = flags.oddHours().get(0);
        assertThat(owl.entries()).extracting(FlaggedEntry::decision).containsExactly("EXPORTED", "DOWNLOADED");
        assertThat(owl.entries()).extracting(e -> e.at().atZone(ZONE).getHour()).containsExactly(23, 5);
        assertThat(owl.action()).isEqualTo("DATA_RELEASE");
    }

    @Test
    void threeDenialsWithinADayAreFlaggedButNotSpreadOverDaysOrOnlyTwo() {
        assertThat(actors(flags.repeatedDenials())).containsExactly("prober");
        Flag prober = flags.repeatedDenials().get(0);
        assertThat(prober.entries()).hasSize(3).allMatch(e -> e.decision().equals("DENIED"));
        assertThat(Duration.between(prober.firstAt(), prober.lastAt())).isEqualTo(Duration.ofHours(24));
        assertThat(prober.decision()).isEqualTo("DENIED");
    }

    @Test
    void decisionsCitingCandidateInScopeAreFlaggedByTheExactRuleId() {
        assertThat(actors(flags.candidates())).containsExactly("candidate83");
        assertThat(flags.candidates().get(0).entries()).extracting(FlaggedEntry::target).containsExactly("list-request:77");
        assertThat(flags.count()).isEqualTo(2 + 2 + 1 + 1 + 1 + 1);
    }

    @Test
    void downloadsRefusedAfterAListsEndAreFlaggedCountingEveryTryOfEachWindowOnce() {
        assertThat(actors(flags.refusedDownloads())).as("not a refusal of someone else's export").containsExactly("keeper");
        Flag keeper = flags.refusedDownloads().get(0);
        assertThat(keeper.recentRows()).as("7 in the first window (its summary counts the first), 1 in the second")
                .isEqualTo(8);
        assertThat(keeper.entries()).hasSize(3).allMatch(e -> e.action().equals("ACCESS_REFUSED"));
    }

    @Test
    void probingOfOthersRequestsAndExportsIsFlaggedPerPersonCountingEveryTry() {
        assertThat(actors(flags.probing())).containsExactly("curious");
        Flag curious = flags.probing().get(0);
        assertThat(curious.recentRows()).as("1 export, 5 approvals in one window (the summary counts the first), 1 export")
                .isEqualTo(7);
        assertThat(curious.entries()).hasSize(4).allMatch(e -> e.action().equals("ACCESS_REFUSED"));
        assertThat(curious.action()).isEqualTo("ACCESS_REFUSED");
    }

    @Test
    void theLookBackIsThirtyDays() {
        assertThat(flags.since()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(actors(flags.oddHours())).doesNotContain("longago");
        assertThat(actors(flags.candidates())).doesNotContain("oldcandidate");
    }

    @Test
    void aFixedOffsetZoneIsWrittenAsPostgreSqlReadsIt() {
        assertThat(AuditFlags.postgresZone(ZONE)).isEqualTo("America/Los_Angeles");
        assertThat(AuditFlags.postgresZone(java.time.ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(AuditFlags.postgresZone(java.time.ZoneOffset.ofHours(7))).isEqualTo("Etc/GMT-7");
        assertThatThrownBy(() -> AuditFlags.postgresZone(java.time.ZoneOffset.ofHoursMinutes(5, 30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- releases ----------------------------------------------------------------------------

    @Test
    void releasesPerDayCoverTheLastThirtyDaysOfTheUnionsCalendar() {
        List<AuditReleases.Day> days = new AuditReleases(db.app(), clock).perDay();
        assertThat(days).hasSize(30);
        assertThat(days.get(29).day()).isEqualTo(today());
        assertThat(days.get(0).day()).isEqualTo(today().minusDays(29));
        AuditReleases.Day yesterday = days.get(28);
        assertThat(yesterday.exportsBuilt()).isEqualTo(1);
        assertThat(yesterday.rowsExported()).isEqualTo(2_000);
        assertThat(yesterday.downloads()).isEqualTo(1);
        // 23:30 and 05:59 local fall on the local days, not on UTC's.
        assertThat(days.get(29 - 5).exportsBuilt()).isEqualTo(1);
        assertThat(days.get(29 - 4).downloads()).isEqualTo(2);
        assertThat(days.stream().mapToLong(AuditReleases.Day::releases).sum()).isEqualTo(
                HISTORY.stream().filter(p -> p.event().type() == AuditEventType.DATA_RELEASE
                        && !LocalDate.ofInstant(p.at(), ZONE).isBefore(today().minusDays(29))).count());
    }

    @Test
    void releasesPerRequesterAreCountedForThePeriodBusiestFirst() {
        List<ActorReleases> lastWeek = new AuditReleases(db.app(), clock).perRequester(today().minusDays(6), today());
        assertThat(lastWeek.get(0)).isEqualTo(new ActorReleases("surge", 2, 5_000, 1));
        assertThat(lastWeek).extracting(ActorReleases::actor).contains("steady", "newbig", "newcomer", "nightowl",
                "vendor:7", "earlybird").doesNotContain("lastweek", "prober");
        assertThat(lastWeek).filteredOn(r -> r.actor().equals("vendor:7"))
                .containsExactly(new ActorReleases("vendor:7", 0, 0, 1));
        assertThatThrownBy(() -> new AuditReleases(db.app(), clock).perRequester(today(), today().minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the CSV report ----------------------------------------------------------------------

    @Test
    void theReportHoldsEveryEntryOfThePeriodAndIsItselfRecorded() throws Exception {
        Requester auditor = Requester.person("auditor8", "Auditor Eight", Set.of(Role.AUDITOR), Set.of(), Set.of(), Set.of(), null);
        AuditReport report = new AuditReport(db.app(), audit.trail(), clock);
        LocalDate first = today().minusDays(6);
        AuditReport.Prepared prepared = report.prepare(auditor, first, today());
        // The history's entries of the period, and whatever other tests recorded since, at NOW.
        long expected = HISTORY.stream().filter(p -> !LocalDate.ofInstant(p.at(), ZONE).isBefore(first)).count()
                + prepared.upToSeq() - historyHead;
        assertThat(prepared.entries()).isEqualTo(expected);
        assertThat(prepared.fileName()).isEqualTo("audit-trail-" + first + "-to-" + today() + ".csv");

        AuditEntry recorded = audit.search(new AuditQuery(null, AuditEventType.AUDIT_REPORT, null, null, null,
                prepared.recordedSeq() - 1, 1)).get(0);
        assertThat(recorded.seq()).isEqualTo(prepared.recordedSeq());
        assertThat(recorded.actor()).isEqualTo("auditor8");
        assertThat(recorded.target()).isEqualTo("audit-report:" + first + ".." + today());
        assertThat(recorded.decision()).isEqualTo("EXPORTED");
        assertThat(recorded.rows()).isEqualTo(expected);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.write(prepared, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).contains("\r\n").as("RFC 4180 lines end in CRLF");
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(AuditReport.HEADER);
            records = parser.getRecords();
        }
        assertThat(records).hasSize((int) expected);
        assertThat(records).extracting(r -> r.get("seq")).doesNotContain(Long.toString(prepared.recordedSeq()))
                .as("the report's own record comes after it");
        assertThat(records).extracting(r -> Instant.parse(r.get("time_utc")))
                .allMatch(at -> !LocalDate.ofInstant(at, ZONE).isBefore(first));
        CSVRecord surge = records.stream().filter(r -> r.get("actor").equals("surge") && r.get("decision").equals("EXPORTED"))
                .findFirst().orElseThrow();
        assertThat(surge.get("action")).isEqualTo("DATA_RELEASE");
        assertThat(surge.get("export_digest_start")).hasSize(AuditReport.DIGEST_SHOWN);
        assertThat(surge.get("time_local")).endsWith("-07:00");
        CSVRecord lookalike = records.stream().filter(r -> r.get("actor").equals("lookalike")).findFirst().orElseThrow();
        assertThat(lookalike.get("reasons")).isEqualTo("XCANDIDATE_IN_SCOPE CANDIDATE_IN_SCOPES");
        assertThat(lookalike.get("target")).isEqualTo("list-request:78");
        assertThat(records).extracting(r -> r.get("actor")).contains("'=HYPERLINK(\"x\")")
                .as("a formula is never a formula in a spreadsheet");
        assertThat(records).extracting(r -> r.get("actor")).contains("'-2+3");
        assertThat(csv).contains(",\"'-2+3\",").contains(",\"'=HYPERLINK(\"\"x\"\")\",")
                .as("the neutralized cell is quoted, as OWASP's rule asks");
        assertThat(csv).doesNotContain(String.format("%064x", 3_000)).as("digests are shortened");
    }

    @Test
    void aReportOfAPeriodBackwardsOrTooLongIsRefusedAndNotRecorded() {
        Requester auditor = Requester.person("auditor8", "Auditor Eight", Set.of(Role.AUDITOR), Set.of(), Set.of(), Set.of(), null);
        AuditReport report = new AuditReport(db.app(), audit.trail(), clock);
        long before = audit.size();
        assertThatThrownBy(() -> report.prepare(auditor, today(), today().minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> report.prepare(auditor, today().minusDays(AuditReport.MAX_DAYS + 1), today()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(audit.size()).isEqualTo(before);
    }

    // ---- integrity ---------------------------------------------------------------------------

    @Test
    void theLastVerificationComesFromTheTrailWithItsDetailsFromThisInstance() {
        AuditIntegrity integrity = new AuditIntegrity(audit, db.app());
        AuditService.RecordedVerification verified = integrity.verify("auditor8");
        assertThat(verified.result().valid()).isTrue();
        AuditIntegrity.Status status = integrity.status();
        assertThat(status.lastVerification()).hasValueSatisfying(e -> {
            assertThat(e.seq()).isEqualTo(verified.entry().seq());
            assertThat(e.decision()).isEqualTo("VALID");
            assertThat(e.actor()).isEqualTo("auditor8");
        });
        assertThat(status.details()).contains(verified.result());
        assertThat(new AuditIntegrity(audit, db.app()).status().details()).as("another instance has only the entry").isEmpty();
        assertThat(status.verifierKey()).startsWith("member-gateway/audit+");
    }
}
