package org.membergateway.audit;

import java.time.OffsetDateTime;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the audit health check reads: the trail's head and how far the signed checkpoints cover it. */
public interface AuditHealthDao {

    /**
     * @param head the last seq (0 for an empty trail)
     * @param checkpointSize the latest checkpoint's tree size, null before the first
     * @param checkpointAt when the latest checkpoint was stored
     * @param waitingSince when the first entry not yet covered by a checkpoint was written, null when none waits
     */
    record Head(long head, Long checkpointSize, OffsetDateTime checkpointAt, OffsetDateTime waitingSince) {
    }

    // One statement, so the head and the checkpoint are read from one snapshot.
    @SqlQuery("""
            SELECT (SELECT coalesce(max(seq), 0) FROM audit_entries) AS head,
                   c.tree_size AS checkpoint_size, c.created_at AS checkpoint_at,
                   (SELECT e.at FROM audit_entries e WHERE e.seq = coalesce(c.tree_size, 0) + 1) AS waiting_since
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (SELECT tree_size, created_at FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1) AS c
                ON true""")
    @RegisterConstructorMapper(Head.class)
    Head head();
}
