package org.membergateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The trail's SQL: appends, reads, checkpoints and stored subtree hashes. Tables and the rules
 * that keep them append-only are in {@code V2__roles_and_audit_trail.sql}.
 */
public final class AuditStore {

    /**
     * Advisory lock that serializes appends across every gateway instance sharing the database,
     * held to commit: the chain stays linear however many instances write. Distinct from the
     * member importer's lock.
     */
    static final long APPEND_LOCK = 0x617564697461706CL;
    /** Serializes checkpoint signing across instances. */
    static final long CHECKPOINT_LOCK = 0x6175646974636B70L;

    static final String ENTRY_COLUMNS = "seq, at, actor, action, target, decision, reasons, policy_version, row_count,"
            + " export_digest, prev_hash, hash";

    private static final String INSERT = "INSERT INTO audit_entries (seq, at, actor, action, target, decision, reasons,"
            + " policy_version, row_count, export_digest, prev_hash, leaf_hash, hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A checkpoint row as stored. */
    public record StoredCheckpoint(long treeSize, Sha256Hash rootHash, byte[] frontier, String note) {
        public StoredCheckpoint {
            frontier = frontier.clone();
        }

        @Override
        public byte[] frontier() {
            return frontier.clone();
        }
    }

    /** The last entry: where the next one links. */
    record Head(long seq, Instant at, byte[] hash) {
        static final Head GENESIS = new Head(0, Instant.EPOCH, Sha256Hash.ZERO.bytes());
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Appends the events as consecutive entries in one transaction (one commit, one WAL flush for
     * the whole batch). The head is read under the append lock, so entries written meanwhile by
     * another instance are linked to, never forked from. Times never go backwards along the chain,
     * even across instances with slightly different clocks.
     */
    public List<AuditEntry> append(List<AuditEvent> events) {
        return jdbi.inTransaction(handle -> {
            try {
                return append(handle.getConnection(), events);
            } catch (SQLException e) {
                throw new IllegalStateException("audit append failed", e);
            }
        });
    }

    private List<AuditEntry> append(Connection connection, List<AuditEvent> events) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
        Head head = head(connection);
        Instant now = AuditTime.truncate(clock.instant());
        Instant at = now.isBefore(head.at()) ? head.at() : now;
        String atText = AuditTime.format(at);
        OffsetDateTime atValue = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        EntryHasher hasher = new EntryHasher();
        List<AuditEntry> entries = new ArrayList<>(events.size());
        byte[] prev = head.hash();
        long seq = head.seq();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AuditEvent e : events) {
                seq++;
                byte[] leaf = hasher.leafHash(seq, atText, e.actor(), e.action(), e.target(), e.decision(),
                        e.reasons(), e.policyVersion(), e.rows(), e.exportDigest());
                byte[] hash = hasher.entryHash(prev, leaf);
                insert.setLong(1, seq);
                insert.setObject(2, atValue);
                insert.setString(3, e.actor());
                insert.setString(4, e.action());
                insert.setString(5, e.target());
                insert.setString(6, e.decision());
                insert.setString(7, String.join(",", e.reasons()));
                insert.setString(8, e.policyVersion());
                insert.setObject(9, e.rows(), java.sql.Types.BIGINT);
                insert.setString(10, e.exportDigest());
                insert.setBytes(11, prev);
                insert.setBytes(12, leaf);
                insert.setBytes(13, hash);
                insert.addBatch();
                entries.add(new AuditEntry(seq, at, e.actor(), e.action(), e.target(), e.decision(), e.reasons(),
                        e.policyVersion(), e.rows(), e.exportDigest(), new Sha256Hash(prev), new Sha256Hash(hash)));
                prev = hash;
            }
            insert.executeBatch();
        }
        return entries;
    }

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT seq, at, hash FROM audit_entries ORDER BY seq DESC LIMIT 1");
             ResultSet rs = query.executeQuery()) {
            if (!rs.next()) {
                return Head.GENESIS;
            }
            return new Head(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBytes(3));
        }
    }

    /** Entries committed so far (the last seq; seqs have no gaps). */
    public long size() {
        return jdbi.withHandle(AuditStore::size);
    }

    static long size(Handle handle) {
        return handle.createQuery("SELECT coalesce(max(seq), 0) FROM audit_entries").mapTo(Long.class).one();
    }

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return jdbi.withHandle(AuditStore::latestCheckpoint);
    }

    static Optional<StoredCheckpoint> latestCheckpoint(Handle handle) {
        return handle.createQuery("SELECT tree_size, root_hash, frontier, note FROM audit_checkpoints"
                        + " ORDER BY tree_size DESC LIMIT 1")
                .map((rs, ctx) -> new StoredCheckpoint(rs.getLong(1), new Sha256Hash(rs.getBytes(2)), rs.getBytes(3),
                        rs.getString(4)))
                .findOne();
    }

    public Optional<StoredCheckpoint> checkpoint(long treeSize) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tree_size, root_hash, frontier, note FROM audit_checkpoints"
                        + " WHERE tree_size = ?")
                .bind(0, treeSize)
                .map((rs, ctx) -> new StoredCheckpoint(rs.getLong(1), new Sha256Hash(rs.getBytes(2)), rs.getBytes(3),
                        rs.getString(4)))
                .findOne());
    }

    /** One page of the auditor's search, in seq order. */
    public List<AuditEntry> search(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM audit_entries WHERE seq > :afterSeq");
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
            return q.map((rs, ctx) -> entry(rs)).list();
        });
    }

    public Optional<AuditEntry> entry(long seq) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM audit_entries WHERE seq = ?")
                .bind(0, seq).map((rs, ctx) -> entry(rs)).findOne());
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        String reasons = rs.getString("reasons");
        long rows = rs.getLong("row_count");
        Long rowCount = rs.wasNull() ? null : rows;
        return new AuditEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("decision"),
                reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")), rs.getString("policy_version"), rowCount,
                rs.getString("export_digest"), new Sha256Hash(rs.getBytes("prev_hash")),
                new Sha256Hash(rs.getBytes("hash")));
    }
}
