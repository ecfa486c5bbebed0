package org.membergateway.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.membergateway.auth.Requester;
import org.membergateway.http.SpreadsheetSafeCsv;

/**
 * A CSV report (RFC 4180) of every entry of a period of the union's calendar, for auditors to keep
 * or open in a spreadsheet. Downloading one is itself recorded (AUDIT_REPORT) before the first
 * byte leaves; the report holds the entries committed before that record, so its row count is
 * exactly the one recorded.
 */
public final class AuditReport {

    /** The columns, as the auditors' search table shows them. */
    public static final List<String> HEADER = List.of("seq", "time_utc", "time_local", "actor", "action", "target",
            "export_digest_start", "decision", "reasons", "rows");
    /** Export digests are shortened to this many hex digits, as on the pages. */
    public static final int DIGEST_SHOWN = 12;
    /** Longest period one report covers: a few years of entries still stream in constant memory. */
    public static final int MAX_DAYS = 3660;

    /**
     * A report about to be written: the entries of {@code [first, last]} with seq at most {@code upToSeq}.
     *
     * @param entries how many, as recorded
     * @param recordedSeq the AUDIT_REPORT entry that recorded this download
     */
    public record Prepared(LocalDate first, LocalDate last, long upToSeq, long entries, long recordedSeq) {
        public String fileName() {
            return "audit-trail-" + first + "-to-" + last + ".csv";
        }
    }

    private final Jdbi jdbi;
    private final AuditTrail trail;
    private final Clock clock;

    /** @param clock in the union's time zone: a period's days are its calendar days */
    public AuditReport(Jdbi jdbi, AuditTrail trail, Clock clock) {
        this.jdbi = jdbi;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Counts the period's entries and records the download (AUDIT_REPORT, rows = entries).
     *
     * @throws IllegalArgumentException if the period ends before it starts or is longer than {@link #MAX_DAYS}
     * @throws AuditUnavailableException if the record cannot be written: then no report is given
     */
    public Prepared prepare(Requester auditor, LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
        }
        long head = jdbi.onDemand(AuditDao.class).size();
        long entries = jdbi.withExtension(AuditReviewDao.class, dao -> dao.countInPeriod(from(first), to(last), head));
        AuditEntry recorded = trail.record(AuditEvent.of(AuditEventType.AUDIT_REPORT, auditor.actor(),
                "audit-report:" + first + ".." + last).withDecision("EXPORTED").withRows(entries));
        return new Prepared(first, last, head, entries, recorded.seq());
    }

    /** Writes the prepared report, streaming the entries from the database in chunks. */
    public void write(Prepared report, OutputStream out) throws IOException {
        // A failed sign-in's actor is whatever name was typed: no cell may run as a formula on the auditor's machine.
        SpreadsheetSafeCsv.Neutralizer safe = SpreadsheetSafeCsv.neutralizing(out);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(safe, StandardCharsets.UTF_8));
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
        try {
            jdbi.useTransaction(h -> {
                try (ResultIterator<AuditEntry> entries = h.attach(AuditReviewDao.class)
                        .inPeriod(from(report.first()), to(report.last()), report.upToSeq())) {
                    while (entries.hasNext()) {
                        print(csv, entries.next());
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
        safe.finish();
    }

    private void print(CSVPrinter csv, AuditEntry entry) {
        try {
            csv.printRecord(entry.seq(), AuditTime.format(entry.at()),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(entry.at().atZone(clock.getZone()).toOffsetDateTime()),
                    entry.actor(), entry.action(), entry.target() == null ? "" : entry.target(),
                    entry.exportDigest() == null ? "" : entry.exportDigest().substring(0, DIGEST_SHOWN),
                    entry.decision() == null ? "" : entry.decision(), String.join(" ", entry.reasons()),
                    entry.rows() == null ? "" : entry.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OffsetDateTime from(LocalDate first) {
        return AuditFlags.utc(first.atStartOfDay(clock.getZone()).toInstant());
    }

    private OffsetDateTime to(LocalDate last) {
        return AuditFlags.utc(last.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
    }
}
