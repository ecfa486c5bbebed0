package org.membergateway.signin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Sign-in attempts per name key (V3__people_and_directory.sql: {@code login_throttle}). The rules
 * (how many, how long, the back-off) are {@link LoginThrottle}'s; this holds the statements. Every
 * decision reads the row under {@link #lockRow}, so attempts on one name, from any instance, are
 * counted one after the other.
 */
interface LoginAttemptDao {

    /**
     * A name's record. {@code failures} counts the attempts admitted in the current window that
     * have not ended in a success: those still being verified as well as those that failed.
     */
    record Row(int failures, OffsetDateTime firstFailureAt, OffsetDateTime lockedUntil, int lockouts,
               OffsetDateTime updatedAt) {
    }

    /** When the lock on this name ends, if it is locked at {@code now}. */
    @SqlQuery("SELECT locked_until FROM login_throttle WHERE name_key = :k AND locked_until > :now")
    Optional<Instant> lockedUntil(@Bind("k") byte[] nameKey, @Bind("now") OffsetDateTime now);

    /** Makes sure the name has a row to lock (a first attempt). */
    @SqlUpdate("""
            INSERT INTO login_throttle (name_key, failures, first_failure_at, updated_at)
            VALUES (:k, 0, :now, :now) ON CONFLICT (name_key) DO NOTHING""")
    void ensure(@Bind("k") byte[] nameKey, @Bind("now") OffsetDateTime now);

    /** The name's row, locked until the transaction ends: concurrent attempts on the name wait here. */
    @SqlQuery("""
            SELECT failures, first_failure_at, locked_until, lockouts, updated_at
            FROM login_throttle WHERE name_key = :k FOR UPDATE""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> lockRow(@Bind("k") byte[] nameKey);

    @SqlUpdate("""
            UPDATE login_throttle SET failures = :failures, first_failure_at = :firstFailureAt,
                   locked_until = :lockedUntil, lockouts = :lockouts, updated_at = :now
            WHERE name_key = :k""")
    void update(@Bind("k") byte[] nameKey, @Bind("failures") int failures,
                @Bind("firstFailureAt") OffsetDateTime firstFailureAt, @Bind("lockedUntil") OffsetDateTime lockedUntil,
                @Bind("lockouts") int lockouts, @Bind("now") OffsetDateTime now);

    @SqlUpdate("DELETE FROM login_throttle WHERE name_key = :k")
    void clear(@Bind("k") byte[] nameKey);

    /** Forgets names untouched since {@code before} that are not locked at {@code now}. */
    @SqlUpdate("""
            DELETE FROM login_throttle WHERE updated_at < :before
            AND (locked_until IS NULL OR locked_until < :now)""")
    void prune(@Bind("before") OffsetDateTime before, @Bind("now") OffsetDateTime now);
}
