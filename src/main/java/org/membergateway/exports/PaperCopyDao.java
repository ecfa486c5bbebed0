package org.membergateway.exports;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Paper copies of approved requests (V23): which request, by whom, when. The rows are never stored. */
public interface PaperCopyDao {

    /** A request's paper copy. */
    record PaperCopy(UUID id, long requestId, String createdBy, OffsetDateTime createdAt) {
    }

    @SqlUpdate("INSERT INTO paper_copies (id, request_id, created_by) VALUES (:id, :request, :by)")
    void insert(@Bind("id") UUID id, @Bind("request") long requestId, @Bind("by") String createdBy);

    /** The request's paper copy, the first if its approval allowed more than one. */
    @SqlQuery("""
            SELECT id, request_id, created_by, created_at FROM paper_copies
            WHERE request_id = :request ORDER BY created_at, id LIMIT 1""")
    @RegisterConstructorMapper(PaperCopy.class)
    Optional<PaperCopy> of(@Bind("request") long requestId);
}
