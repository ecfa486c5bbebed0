package org.membergateway.signin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Failed sign-ins per name key (V3__people_and_directory.sql: {@code login_throttle}). The rules
 * (how many, how long, the back-off) are {@link LoginThrottle}'s; this holds the statements.
 */
interface LoginAttemptDao {

    /** A name's record after a failure was counted. */
    record Counts(int failures, int lockouts) {
    }

    /** When the lock on this name ends, if it is locked at {@code now}. */
    @SqlQuery("SELECT locked_until FROM login_throttle WHERE name_key = :k AND locked_until > :now")
    Optional<Instant> lockedUntil(@Bind("k") byte[] nameKey, @Bind("now") OffsetDateTime now);

    /**
     * Counts a failure. Failures that began before {@code windowStart} start a new count; a name
     * without failures or locks since {@code quietSince} starts its back-off over.
     */
    @SqlQuery("""
            INSERT INTO login_throttle AS t (name_key, failures, first_failure_at, updated_at)
            VALUES (:k, 1, :now, :now)
            ON CONFLICT (name_key) DO UPDATE SET
                failures = CASE WHEN t.first_failure_at < :windowStart THEN 1 ELSE t.failures + 1 END,
                first_failure_at = CASE WHEN t.first_failure_at < :windowStart
                                        THEN :now ELSE t.first_failure_at END,
                lockouts = CASE WHEN greatest(t.updated_at, t.locked_until) < :quietSince THEN 0 ELSE t.lockouts END,
                updated_at = :now
            RETURNING failures, lockouts""")
    @RegisterConstructorMapper(Counts.class)
    Counts countFailure(@Bind("k") byte[] nameKey, @Bind("now") OffsetDateTime now,
                        @Bind("windowStart") OffsetDateTime windowStart, @Bind("quietSince") OffsetDateTime quietSince);

    /** Locks the name until {@code until}; its failures count from zero again. */
    @SqlUpdate("""
            UPDATE login_throttle SET failures = 0, first_failure_at = :now, locked_until = :until,
                   lockouts = lockouts + 1 WHERE name_key = :k""")
    void lock(@Bind("k") byte[] nameKey, @Bind("now") OffsetDateTime now, @Bind("until") OffsetDateTime until);

    @SqlUpdate("DELETE FROM login_throttle WHERE name_key = :k")
    void clear(@Bind("k") byte[] nameKey);

    /** Forgets names untouched since {@code before} that are not locked at {@code now}. */
    @SqlUpdate("""
            DELETE FROM login_throttle WHERE updated_at < :before
            AND (locked_until IS NULL OR locked_until < :now)""")
    void prune(@Bind("before") OffsetDateTime before, @Bind("now") OffsetDateTime now);
}
