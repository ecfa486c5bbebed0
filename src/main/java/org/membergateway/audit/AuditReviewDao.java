package org.membergateway.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What auditors review besides the search: releases counted per day and per requester, the
 * entries behind each flag ({@link AuditFlags}), the last verification, and a period's entries for
 * the CSV report. Read-only, over {@code audit_entries} and its indexes on {@code (action, seq)}
 * and {@code at}; every query is bounded by a period or a limit.
 *
 * <p>Times of day and calendar days are the union's: {@code :zone} is a time zone name PostgreSQL
 * knows (see {@link AuditFlags#postgresZone}).
 */
@RegisterRowMapper(AuditDao.EntryMapper.class)
public interface AuditReviewDao {

    /** Releases of one kind (decision EXPORTED or DOWNLOADED) on one day of the union's calendar. */
    record DayReleases(LocalDate day, String decision, long releases, long rows) {
    }

    /** One actor's releases in a period. */
    record ActorReleases(String actor, long exportsBuilt, long rowsExported, long downloads) {
    }

    /** A requester whose exports of the last week stand far above their weekly median. */
    record VolumeRow(String actor, long recentRows, long recentExports, double weeklyMedian) {
    }

    /** An entry behind a flag, as far as the flag needs it. */
    record FlaggedEntry(long seq, Instant at, String actor, String action, String decision, String target, Long rows,
                        List<String> reasons) {
    }

    @SqlQuery("""
            SELECT (at AT TIME ZONE :zone)::date AS day, decision, count(*) AS releases,
                   coalesce(sum(row_count), 0) AS rows
            FROM audit_entries
            WHERE action = 'DATA_RELEASE' AND at >= :from AND at < :to
            GROUP BY 1, 2 ORDER BY 1, 2""")
    @RegisterConstructorMapper(DayReleases.class)
    List<DayReleases> releasesPerDay(@Bind("zone") String zone, @Bind("from") OffsetDateTime from,
                                     @Bind("to") OffsetDateTime to);

    /** The busiest actors first (by releases, then rows, then name), at most {@code limit}. */
    @SqlQuery("""
            SELECT actor,
                   count(*) FILTER (WHERE decision = 'EXPORTED') AS exports_built,
                   coalesce(sum(row_count) FILTER (WHERE decision = 'EXPORTED'), 0) AS rows_exported,
                   count(*) FILTER (WHERE decision = 'DOWNLOADED') AS downloads
            FROM audit_entries
            WHERE action = 'DATA_RELEASE' AND at >= :from AND at < :to
            GROUP BY actor
            ORDER BY count(*) DESC, rows_exported DESC, actor
            LIMIT :limit""")
    @RegisterConstructorMapper(ActorReleases.class)
    List<ActorReleases> releasesPerActor(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to,
                                         @Bind("limit") int limit);

    /**
     * Requesters whose exports built in {@code [recentFrom, to)} hold more than {@code floor} rows and
     * more than {@code factor} times the median of their weekly rows over the {@code weeks} weeks
     * before {@code recentFrom} (weeks without an export count as 0). Only exports built count: a
     * list downloaded three times left the gateway as one list.
     */
    @SqlQuery("""
            WITH recent AS (
                SELECT actor, sum(row_count) AS recent_rows, count(*) AS recent_exports
                FROM audit_entries
                WHERE action = 'DATA_RELEASE' AND decision = 'EXPORTED' AND at >= :recentFrom AND at < :to
                GROUP BY actor
                HAVING sum(row_count) > :floor
            ), weekly AS (
                SELECT r.actor, w.week, coalesce(sum(e.row_count), 0) AS rows
                FROM recent r
                CROSS JOIN generate_series(1, :weeks) AS w(week)
                LEFT JOIN audit_entries e
                       ON e.actor = r.actor AND e.action = 'DATA_RELEASE' AND e.decision = 'EXPORTED'
                      AND e.at >= CAST(:recentFrom AS timestamptz) - make_interval(days => 7 * w.week)
                      AND e.at < CAST(:recentFrom AS timestamptz) - make_interval(days => 7 * (w.week - 1))
                GROUP BY r.actor, w.week
            ), medians AS (
                SELECT actor, percentile_cont(0.5) WITHIN GROUP (ORDER BY rows) AS weekly_median
                FROM weekly GROUP BY actor
            )
            SELECT r.actor, r.recent_rows, r.recent_exports, m.weekly_median
            FROM recent r JOIN medians m ON m.actor = r.actor
            WHERE r.recent_rows > :factor * m.weekly_median
            ORDER BY r.recent_rows DESC, r.actor
            LIMIT :limit""")
    @RegisterConstructorMapper(VolumeRow.class)
    List<VolumeRow> volumeAboveUsual(@Bind("recentFrom") OffsetDateTime recentFrom, @Bind("to") OffsetDateTime to,
                                     @Bind("weeks") int weeks, @Bind("floor") long floor, @Bind("factor") double factor,
                                     @Bind("limit") int limit);

    /** One actor's exports built in the period, oldest first. */
    @SqlQuery("""
            SELECT seq, at, actor, action, decision, target, row_count, reasons
            FROM audit_entries
            WHERE action = 'DATA_RELEASE' AND decision = 'EXPORTED' AND actor = :actor AND at >= :from AND at < :to
            ORDER BY seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> exportsBy(@Bind("actor") String actor, @Bind("from") OffsetDateTime from,
                                 @Bind("to") OffsetDateTime to, @Bind("limit") int limit);

    /** Releases (exports built, downloads) whose time of day in the union's zone is at or after
     *  {@code fromHour} or before {@code untilHour}, oldest first. */
    @SqlQuery("""
            SELECT seq, at, actor, action, decision, target, row_count, reasons
            FROM audit_entries
            WHERE action = 'DATA_RELEASE' AND at >= :from AND at < :to
              AND (extract(hour FROM at AT TIME ZONE :zone) >= :fromHour
                   OR extract(hour FROM at AT TIME ZONE :zone) < :untilHour)
            ORDER BY seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> releasesAtHours(@Bind("zone") String zone, @Bind("from") OffsetDateTime from,
                                       @Bind("to") OffsetDateTime to, @Bind("fromHour") int fromHour,
                                       @Bind("untilHour") int untilHour, @Bind("limit") int limit);

    /**
     * DENIED decisions that belong to a run of at least {@code min} by the same actor within
     * {@code hours} hours of the run's first, oldest first: each denial counts the actor's denials
     * from it to {@code hours} later, and a denial is flagged if any such window holding it reaches
     * {@code min}.
     */
    @SqlQuery("""
            WITH denied AS (
                SELECT seq, at, actor, action, decision, target, row_count, reasons
                FROM audit_entries
                WHERE action = 'DECISION' AND decision = 'DENIED' AND at >= :from AND at < :to
            ), windows AS (
                SELECT actor, at AS starts,
                       count(*) OVER (PARTITION BY actor ORDER BY at
                                      RANGE BETWEEN CURRENT ROW AND make_interval(hours => :hours) FOLLOWING) AS n
                FROM denied
            )
            SELECT DISTINCT d.seq, d.at, d.actor, d.action, d.decision, d.target, d.row_count, d.reasons
            FROM denied d
            JOIN windows w ON w.actor = d.actor AND w.n >= :min
                          AND d.at >= w.starts AND d.at <= w.starts + make_interval(hours => :hours)
            ORDER BY d.seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> repeatedDenials(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to,
                                       @Bind("min") int min, @Bind("hours") int hours, @Bind("limit") int limit);

    /** Decisions in the period whose reasons name {@code rule}, oldest first. */
    @SqlQuery("""
            SELECT seq, at, actor, action, decision, target, row_count, reasons
            FROM audit_entries
            WHERE action = 'DECISION' AND at >= :from AND at < :to
              AND :rule = ANY (string_to_array(reasons, ','))
            ORDER BY seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> decisionsCiting(@Bind("rule") String rule, @Bind("from") OffsetDateTime from,
                                       @Bind("to") OffsetDateTime to, @Bind("limit") int limit);

    /** {@code actor}'s decisions recorded on these targets ({@code list-request:<id>}), oldest first. */
    @SqlQuery("""
            SELECT seq, at, actor, action, decision, target, row_count, reasons
            FROM audit_entries
            WHERE actor = :actor AND action = 'DECISION' AND target = ANY (CAST(:targets AS text[]))
            ORDER BY seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> decisionsOn(@Bind("actor") String actor, @Bind("targets") String[] targets,
                                   @Bind("limit") int limit);

    /**
     * Refused downloads of an export that had expired, been destroyed or used up, in the period:
     * the tallied {@code ACCESS_REFUSED} entries (first refusals and window summaries), oldest first.
     */
    @SqlQuery("""
            SELECT seq, at, actor, action, decision, target, row_count, reasons
            FROM audit_entries
            WHERE action = 'ACCESS_REFUSED' AND at >= :from AND at < :to
              AND reasons IN ('EXPORT_GONE', 'DOWNLOAD_LIMIT_REACHED')
            ORDER BY seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> refusedDownloads(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to,
                                        @Bind("limit") int limit);

    /**
     * Probing: 404s for list requests and exports that are not the caller's (or do not exist), read,
     * approved or exported, in the period: the tallied {@code ACCESS_REFUSED} entries, oldest first.
     */
    @SqlQuery("""
            SELECT seq, at, actor, action, decision, target, row_count, reasons
            FROM audit_entries
            WHERE action = 'ACCESS_REFUSED' AND at >= :from AND at < :to
              AND reasons IN ('LIST_REQUEST_NOT_VISIBLE', 'LIST_REQUEST_NOT_EXPORTABLE', 'EXPORT_NOT_VISIBLE')
            ORDER BY seq
            LIMIT :limit""")
    @RegisterRowMapper(FlaggedMapper.class)
    List<FlaggedEntry> probing(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to, @Bind("limit") int limit);

    /** The newest entry of this action, if any (through the {@code (action, seq)} index). */
    @SqlQuery("SELECT " + AuditDao.ENTRY_COLUMNS + " FROM audit_entries WHERE action = :action ORDER BY seq DESC LIMIT 1")
    Optional<AuditEntry> latest(@Bind("action") String action);

    /** Entries in {@code [from, to)} up to {@code upToSeq}. */
    @SqlQuery("SELECT count(*) FROM audit_entries WHERE at >= :from AND at < :to AND seq <= :upToSeq")
    long countInPeriod(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to, @Bind("upToSeq") long upToSeq);

    /** The same entries in seq order, fetched in chunks (run it in a transaction; close the iterator). */
    @SqlQuery("SELECT " + AuditDao.ENTRY_COLUMNS + " FROM audit_entries"
            + " WHERE at >= :from AND at < :to AND seq <= :upToSeq ORDER BY seq")
    @FetchSize(5_000)
    ResultIterator<AuditEntry> inPeriod(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to,
                                        @Bind("upToSeq") long upToSeq);

    final class FlaggedMapper implements RowMapper<FlaggedEntry> {
        @Override
        public FlaggedEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
            long rows = rs.getLong("row_count");
            Long rowCount = rs.wasNull() ? null : rows;
            String reasons = rs.getString("reasons");
            return new FlaggedEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor"), rs.getString("action"), rs.getString("decision"), rs.getString("target"),
                    rowCount, reasons.isEmpty() ? List.of() : List.of(reasons.split(",")));
        }
    }
}
