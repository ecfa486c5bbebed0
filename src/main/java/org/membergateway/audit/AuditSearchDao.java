package org.membergateway.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The auditor's search: on a Handle because its WHERE clause has only the filters the query sets,
 * so a missing filter costs nothing and each combination gets its own plan. Rows map as
 * {@link AuditDao}'s do.
 */
public final class AuditSearchDao {

    private final Jdbi jdbi;

    public AuditSearchDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One page, in seq order. */
    public List<AuditEntry> search(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + AuditDao.ENTRY_COLUMNS + " FROM audit_entries WHERE seq > :afterSeq");
        if (query.actor() != null) {
            sql.append(" AND actor = :actor");
        }
        if (query.action() != null) {
            sql.append(" AND action = :action");
        }
        if (query.decision() != null) {
            sql.append(" AND decision = :decision");
        }
        if (query.from() != null) {
            sql.append(" AND at >= :from");
        }
        if (query.to() != null) {
            sql.append(" AND at < :to");
        }
        sql.append(" ORDER BY seq LIMIT :limit");
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString())
                    .bind("afterSeq", query.afterSeq())
                    .bind("limit", query.limit());
            if (query.actor() != null) {
                q.bind("actor", query.actor());
            }
            if (query.action() != null) {
                q.bind("action", query.action().name());
            }
            if (query.decision() != null) {
                q.bind("decision", query.decision());
            }
            if (query.from() != null) {
                q.bind("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
            }
            if (query.to() != null) {
                q.bind("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
            }
            return q.map(new AuditDao.EntryMapper()).list();
        });
    }
}
