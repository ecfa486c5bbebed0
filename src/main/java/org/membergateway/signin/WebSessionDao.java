package org.membergateway.signin;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Page sessions (V10), found by the keyed hash of their cookie token. */
public interface WebSessionDao {

    /** A stored session. */
    record Row(long id, long personId, long securityStamp, String csrfToken, OffsetDateTime lastSeenAt,
               OffsetDateTime expiresAt) {
        @Override
        public String toString() {
            return "WebSession[" + id + ", person " + personId + ", csrf [REDACTED]]";
        }
    }

    @SqlUpdate("""
            INSERT INTO web_sessions (token_digest, person_id, security_stamp, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (:digest, :person, :stamp, :csrf, :now, :now, :expires)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("digest") byte[] tokenDigest, @Bind("person") long personId, @Bind("stamp") long securityStamp,
                @Bind("csrf") String csrfToken, @Bind("now") OffsetDateTime now, @Bind("expires") OffsetDateTime expiresAt);

    @SqlQuery("""
            SELECT id, person_id, security_stamp, csrf_token, last_seen_at, expires_at
            FROM web_sessions WHERE token_digest = :digest""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> find(@Bind("digest") byte[] tokenDigest);

    @SqlUpdate("UPDATE web_sessions SET last_seen_at = :now WHERE id = :id")
    void touch(@Bind("id") long id, @Bind("now") OffsetDateTime now);

    @SqlUpdate("DELETE FROM web_sessions WHERE id = :id")
    int delete(@Bind("id") long id);

    /** Sessions past their absolute limit or idle too long; nothing can use them any more. */
    @SqlUpdate("DELETE FROM web_sessions WHERE expires_at <= :now OR last_seen_at <= :idleSince")
    int deleteExpired(@Bind("now") OffsetDateTime now, @Bind("idleSince") OffsetDateTime idleSince);
}
