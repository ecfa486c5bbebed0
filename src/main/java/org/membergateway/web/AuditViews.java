package org.membergateway.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditFlags;
import org.membergateway.audit.AuditIntegrity;
import org.membergateway.audit.AuditReleases;
import org.membergateway.audit.AuditReport;
import org.membergateway.audit.AuditReviewDao.ActorReleases;
import org.membergateway.audit.AuditReviewDao.FlaggedEntry;
import org.membergateway.audit.AuditVerification;

/** The auditors' pages ({@link AuditPages}): the search, the trail's integrity, releases and flags. */
public final class AuditViews {

    private AuditViews() {
    }

    /** Links between the audit pages, so every flag and chart can point at the entries behind it. */
    static final class Links {
        private Links() {
        }

        static String search(String actor, String action, String decision, LocalDate from, LocalDate to) {
            StringBuilder href = new StringBuilder("/audit");
            char sep = '?';
            for (String[] pair : new String[][] {{"actor", actor}, {"action", action}, {"decision", decision},
                    {"from", from == null ? null : from.toString()}, {"to", to == null ? null : to.toString()}}) {
                if (pair[1] != null && !pair[1].isEmpty()) {
                    href.append(sep).append(pair[0]).append('=').append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
                    sep = '&';
                }
            }
            return href.toString();
        }

        /** The search showing exactly one entry. */
        static String entry(long seq) {
            return "/audit?afterSeq=" + (seq - 1) + "&limit=1";
        }
    }

    /** What the audit pages share: the sub-navigation and dates in the reader's language. */
    public abstract static class AuditPage extends PageView {
        private final String current;

        AuditPage(String template, PageContext page, String title, List<FormError> errors, String current) {
            super(template, page, title, errors);
            this.current = current;
        }

        /** Which audit page this is: search, integrity, releases, flags. */
        public String getCurrent() {
            return current;
        }

        public String time(Instant at) {
            return at == null ? "" : getPage().dateTime(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }

        public String day(LocalDate day) {
            return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                    .withLocale(getPage().language().locale()).format(day);
        }

        public String zone() {
            return getPage().zone().getId();
        }

        /** A number as an SVG attribute takes it. */
        public String n(double value) {
            return BarChart.n(value);
        }

        public String entryHref(long seq) {
            return Links.entry(seq);
        }

        public String actorHref(String actor) {
            return Links.search(actor, null, null, null, null);
        }
    }

    /** One entry as the search table (and the flags' tables) show it. */
    public record Row(long seq, Instant at, String actor, String action, String target, String targetHref,
                      String digestStart, String decision, String reasons, Long rows) {

        private static final Pattern LIST_REQUEST = Pattern.compile("list-request:(\\d{1,18})(?::.*)?");

        static Row of(AuditEntry e) {
            return new Row(e.seq(), e.at(), e.actor(), e.action(), e.target(), requestHref(e.target()),
                    e.exportDigest() == null ? null : e.exportDigest().substring(0, AuditReport.DIGEST_SHOWN),
                    e.decision(), String.join(", ", e.reasons()), e.rows());
        }

        static Row of(FlaggedEntry e) {
            return new Row(e.seq(), e.at(), e.actor(), e.action(), e.target(), requestHref(e.target()), null,
                    e.decision(), String.join(", ", e.reasons()), e.rows());
        }

        /** A list request's page, for entries about one (its requester, approvers and auditors may read it). */
        static String requestHref(String target) {
            if (target == null) {
                return null;
            }
            Matcher m = LIST_REQUEST.matcher(target);
            return m.matches() ? "/requests/" + m.group(1) : null;
        }
    }

    /** An action for the search form's list. */
    public record ActionOption(String code, String label, boolean selected) {
    }

    // ---- /audit ------------------------------------------------------------------------------

    public static final class SearchView extends AuditPage {
        private final AuditForms.Search form;
        private final List<Row> rows;
        private final String nextHref;
        private final String firstHref;
        private final String newestHref;
        private final AuditIntegrity.Status integrity;
        private final String reportFrom;
        private final String reportTo;

        SearchView(PageContext page, List<FormError> errors, AuditForms.Search form, List<Row> rows, String nextHref,
                   String firstHref, String newestHref, AuditIntegrity.Status integrity, String reportFrom,
                   String reportTo) {
            super("audit/search.ftlh", page, page.messages().get("audit.search.title"), errors, "search");
            this.form = form;
            this.rows = List.copyOf(rows);
            this.nextHref = nextHref;
            this.firstHref = firstHref;
            this.newestHref = newestHref;
            this.integrity = integrity;
            this.reportFrom = reportFrom;
            this.reportTo = reportTo;
        }

        public AuditForms.Search getForm() {
            return form;
        }

        /** Null before the form was checked (a form with errors shows no results). */
        public List<Row> getRows() {
            return rows;
        }

        public boolean isSearched() {
            return getErrors().stream().noneMatch(e -> !e.field().startsWith("report-"));
        }

        public String getNextHref() {
            return nextHref;
        }

        public String getFirstHref() {
            return firstHref;
        }

        public String getNewestHref() {
            return newestHref;
        }

        public AuditIntegrity.Status getIntegrity() {
            return integrity;
        }

        /** The newest AUDIT_VERIFICATION entry, or null if nobody has verified the trail yet. */
        public AuditEntry getLastVerification() {
            return integrity.lastVerification().orElse(null);
        }

        public String getReportFrom() {
            return reportFrom;
        }

        public String getReportTo() {
            return reportTo;
        }

        public List<ActionOption> getActions() {
            return Arrays.stream(AuditEventType.values())
                    .map(a -> new ActionOption(a.name(), t("audit.action." + a.name()), a.name().equalsIgnoreCase(form.action())))
                    .toList();
        }

        public int getReportMaxDays() {
            return AuditReport.MAX_DAYS;
        }
    }

    // ---- /audit/integrity --------------------------------------------------------------------

    public static final class IntegrityView extends AuditPage {
        private final AuditIntegrity.Status status;
        private final boolean verifiedNow;
        private final String base;

        IntegrityView(PageContext page, AuditIntegrity.Status status, boolean verifiedNow, String base) {
            super("audit/integrity.ftlh", page, page.messages().get("audit.integrity.title"), List.of(), "integrity");
            this.status = status;
            this.verifiedNow = verifiedNow;
            this.base = base;
        }

        public AuditIntegrity.Status getStatus() {
            return status;
        }

        public AuditEntry getLast() {
            return status.lastVerification().orElse(null);
        }

        public AuditVerification getDetails() {
            return status.details().orElse(null);
        }

        public boolean isVerifiedNow() {
            return verifiedNow;
        }

        /** The valid/invalid words of the last verification's problem, if it found one. */
        public String getProblem() {
            AuditEntry last = getLast();
            if (last == null || last.reasons().isEmpty()) {
                return null;
            }
            String key = "audit.problem." + last.reasons().get(0);
            return getPage().messages().has(key) ? t(key) : last.reasons().get(0);
        }

        public String getCheckpointNote() {
            return status.checkpoint().map(c -> c.note()).orElse(null);
        }

        public Long getCheckpointSize() {
            return status.checkpoint().map(c -> c.treeSize()).orElse(null);
        }

        /** Where this gateway answers, for the commands the page shows (ends without a slash). */
        public String getBase() {
            return base;
        }
    }

    // ---- /audit/releases ---------------------------------------------------------------------

    public static final class ReleasesView extends AuditPage {
        private final List<AuditReleases.Day> days;
        private final BarChart dayChart;
        private final String from;
        private final String to;
        private final LocalDate periodFrom;
        private final LocalDate periodTo;
        private final List<ActorReleases> requesters;
        private final BarChart requesterChart;

        ReleasesView(PageContext page, List<FormError> errors, List<AuditReleases.Day> days, String from, String to,
                     LocalDate periodFrom, LocalDate periodTo, List<ActorReleases> requesters) {
            super("audit/releases.ftlh", page, page.messages().get("audit.releases.title"), errors, "releases");
            this.days = List.copyOf(days);
            DateTimeFormatter short_ = DateTimeFormatter.ofPattern(page.messages().get("audit.chart.dayPattern"),
                    page.language().locale());
            this.dayChart = BarChart.vertical(days.stream()
                    .map(d -> new BarChart.Point(short_.format(d.day()), d.exportsBuilt(), d.downloads())).toList(), 5);
            this.from = from;
            this.to = to;
            this.periodFrom = periodFrom;
            this.periodTo = periodTo;
            this.requesters = requesters == null ? null : List.copyOf(requesters);
            this.requesterChart = requesters == null || requesters.isEmpty() ? null : BarChart.horizontal(requesters.stream()
                    .limit(CHART_REQUESTERS)
                    .map(r -> new BarChart.Point(shorten(r.actor()), r.exportsBuilt(), r.downloads())).toList());
        }

        /** Requesters drawn in the chart; the table lists them all. */
        public static final int CHART_REQUESTERS = 15;

        static String shorten(String actor) {
            return actor.length() <= 24 ? actor : actor.substring(0, 23) + "…";
        }

        public List<AuditReleases.Day> getDays() {
            return days;
        }

        public BarChart getDayChart() {
            return dayChart;
        }

        public long getTotalBuilt() {
            return days.stream().mapToLong(AuditReleases.Day::exportsBuilt).sum();
        }

        public long getTotalDownloads() {
            return days.stream().mapToLong(AuditReleases.Day::downloads).sum();
        }

        public long getTotalRows() {
            return days.stream().mapToLong(AuditReleases.Day::rowsExported).sum();
        }

        /** The busiest day of the 30, or null if nothing was released. */
        public AuditReleases.Day getBusiest() {
            return days.stream().filter(d -> d.releases() > 0)
                    .max(java.util.Comparator.comparingLong(AuditReleases.Day::releases)).orElse(null);
        }

        public String getFrom() {
            return from;
        }

        public String getTo() {
            return to;
        }

        public LocalDate getPeriodFrom() {
            return periodFrom;
        }

        public LocalDate getPeriodTo() {
            return periodTo;
        }

        /** Null when the period was not right. */
        public List<ActorReleases> getRequesters() {
            return requesters;
        }

        public BarChart getRequesterChart() {
            return requesterChart;
        }

        public String searchHref(String actor) {
            return Links.search(actor, "DATA_RELEASE", null, periodFrom, periodTo);
        }

        public String daySearchHref(LocalDate day) {
            return Links.search(null, "DATA_RELEASE", null, day, day);
        }
    }

    // ---- /audit/flags ------------------------------------------------------------------------

    /** A flag as the page shows it: the sentence that explains it and the entries that raised it. */
    public record FlagView(AuditFlags.Kind kind, String actor, String explanation, List<Row> rows, int more,
                           String searchHref) {
    }

    public static final class FlagsView extends AuditPage {
        /** Entries listed under one flag; the search link shows the rest. */
        static final int SHOWN = 10;

        private final AuditFlags.Flags flags;
        private final List<FlagView> volume;
        private final List<FlagView> oddHours;
        private final List<FlagView> denials;
        private final List<FlagView> candidates;
        private final List<FlagView> refusedDownloads;
        private final List<FlagView> probing;
        private final List<FlagView> electionWindows;

        FlagsView(PageContext page, AuditFlags.Flags flags) {
            super("audit/flags.ftlh", page, page.messages().get("audit.flags.title"), List.of(), "flags");
            this.flags = flags;
            this.volume = flags.volume().stream().map(this::view).toList();
            this.oddHours = flags.oddHours().stream().map(this::view).toList();
            this.denials = flags.repeatedDenials().stream().map(this::view).toList();
            this.candidates = flags.candidates().stream().map(this::view).toList();
            this.refusedDownloads = flags.refusedDownloads().stream().map(this::view).toList();
            this.probing = flags.probing().stream().map(this::view).toList();
            this.electionWindows = flags.electionWindows().stream().map(this::view).toList();
        }

        private FlagView view(AuditFlags.Flag flag) {
            Messages m = getPage().messages();
            String explanation = switch (flag.kind()) {
                case VOLUME -> m.get("audit.flags.volume.explained", flag.entries().size(), flag.actor(),
                        getPage().number(flag.recentRows()), getPage().number(Math.round(flag.weeklyMedian())),
                        flags.thresholds().baselineWeeks(), flags.thresholds().volumeFactor());
                case ODD_HOURS -> m.get("audit.flags.oddHours.explained", flag.entries().size(), flag.actor(),
                        time(flag.firstAt()), time(flag.lastAt()));
                case REPEATED_DENIALS -> m.get("audit.flags.denials.explained", flag.entries().size(), flag.actor(),
                        time(flag.firstAt()), time(flag.lastAt()));
                case CANDIDATE -> m.get("audit.flags.candidate.explained", flag.entries().size(), flag.actor());
                case REFUSED_DOWNLOADS -> m.get("audit.flags.expired.explained", flag.recentRows(), flag.actor());
                case PROBING -> m.get("audit.flags.probing.explained", flag.recentRows(), flag.actor());
                case ELECTION_WINDOW -> m.get("audit.flags.electionWindow.explained", flag.recentRows(), flag.actor(),
                        flag.subject());
            };
            LocalDate from = LocalDate.ofInstant(flag.from(), getPage().zone());
            LocalDate to = LocalDate.ofInstant(flag.to(), getPage().zone());
            List<Row> rows = new ArrayList<>();
            flag.entries().stream().limit(SHOWN).forEach(e -> rows.add(Row.of(e)));
            return new FlagView(flag.kind(), flag.actor(), explanation, rows, Math.max(0, flag.entries().size() - SHOWN),
                    Links.search(flag.actor(), flag.action(), flag.decision(), from, to));
        }

        public AuditFlags.Flags getFlags() {
            return flags;
        }

        public List<FlagView> getVolume() {
            return volume;
        }

        public List<FlagView> getOddHours() {
            return oddHours;
        }

        public List<FlagView> getDenials() {
            return denials;
        }

        public List<FlagView> getCandidates() {
            return candidates;
        }

        public List<FlagView> getRefusedDownloads() {
            return refusedDownloads;
        }

        public List<FlagView> getProbing() {
            return probing;
        }

        public List<FlagView> getElectionWindows() {
            return electionWindows;
        }

        public int getCount() {
            return flags.count();
        }
    }
}
