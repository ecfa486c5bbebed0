package org.membergateway.audit;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Counts of repeated refusals per window (V11__audit_tallies.sql); the rules are {@link AuditTally}'s. */
interface AuditTallyDao {

    /** One key's count in one window. */
    record Row(String action, String source, String subject, String reason, OffsetDateTime windowStart,
               OffsetDateTime windowEnd, long occurrences, boolean firstRecorded) {
    }

    /** Serializes the counting for one source (its cap on distinct names) across instances, to commit. */
    @SqlQuery("SELECT true FROM pg_advisory_xact_lock(1096107084, hashtext(:key))")
    boolean lockSource(@Bind("key") String key);

    @SqlUpdate("""
            UPDATE audit_tallies SET occurrences = occurrences + 1
            WHERE action = :action AND source = :source AND window_start = :windowStart
              AND subject = :subject AND reason = :reason""")
    int increment(@Bind("action") String action, @Bind("source") String source, @Bind("subject") String subject,
                  @Bind("reason") String reason, @Bind("windowStart") OffsetDateTime windowStart);

    @SqlQuery("""
            SELECT count(*) FROM audit_tallies
            WHERE action = :action AND source = :source AND window_start = :windowStart AND capped""")
    int cappedKeysInWindow(@Bind("action") String action, @Bind("source") String source,
                     @Bind("windowStart") OffsetDateTime windowStart);

    /** Counts an occurrence; true if it is the key's first in the window. */
    @SqlQuery("""
            INSERT INTO audit_tallies AS t (action, source, subject, reason, window_start, window_end, occurrences, capped)
            VALUES (:action, :source, :subject, :reason, :windowStart, :windowEnd, 1, :capped)
            ON CONFLICT (action, source, window_start, subject, reason)
            DO UPDATE SET occurrences = t.occurrences + 1
            RETURNING t.occurrences = 1""")
    boolean insert(@Bind("action") String action, @Bind("source") String source, @Bind("subject") String subject,
                   @Bind("reason") String reason, @Bind("windowStart") OffsetDateTime windowStart,
                   @Bind("windowEnd") OffsetDateTime windowEnd, @Bind("capped") boolean capped);

    @SqlUpdate("""
            UPDATE audit_tallies SET first_recorded = true
            WHERE action = :action AND source = :source AND window_start = :windowStart
              AND subject = :subject AND reason = :reason""")
    void firstRecorded(@Bind("action") String action, @Bind("source") String source, @Bind("subject") String subject,
                       @Bind("reason") String reason, @Bind("windowStart") OffsetDateTime windowStart);

    /** Closed windows, locked for this summariser; another instance's summariser skips them. */
    @SqlQuery("""
            SELECT action, source, subject, reason, window_start, window_end, occurrences, first_recorded
            FROM audit_tallies WHERE window_end <= :now
            ORDER BY window_end, action, source, subject, reason LIMIT :limit FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(Row.class)
    List<Row> lockClosed(@Bind("now") OffsetDateTime now, @Bind("limit") int limit);

    @SqlUpdate("""
            DELETE FROM audit_tallies
            WHERE action = :action AND source = :source AND window_start = :windowStart
              AND subject = :subject AND reason = :reason""")
    void delete(@Bind("action") String action, @Bind("source") String source, @Bind("subject") String subject,
                @Bind("reason") String reason, @Bind("windowStart") OffsetDateTime windowStart);
}
