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
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Appends to the trail (the hash chain, under the append lock) and reads it back. The SQL is in
 * {@link AuditDao} except the append's own three statements (see {@link #append}); the auditor's search
 * with its optional filters is in {@link AuditSearchDao}.
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
    private final AuditDao reads;
    private final AuditSearchDao search;

    public AuditStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.reads = jdbi.onDemand(AuditDao.class);
        this.search = new AuditSearchDao(jdbi);
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
        return append(events, inserted -> { });
    }

    /**
     * As {@link #append(List)}; {@code beforeCommit} is given the inserted entries just before the
     * commit, and rolls the batch back by throwing (the writer's last word with the
     * entries' callers, GroupCommitAuditTrail).
     */
    public List<AuditEntry> append(List<AuditEvent> events, java.util.function.Consumer<List<AuditEntry>> beforeCommit) {
        return jdbi.inTransaction(handle -> {
            List<AuditEntry> entries;
            try {
                entries = append(handle.getConnection(), events);
            } catch (SQLException e) {
                throw new IllegalStateException("audit append failed", e);
            }
            beforeCommit.accept(entries);
            return entries;
        });
    }

    /**
     * Plain JDBC on the transaction's connection, not {@link AuditDao}: this is the writer's hot
     * path, which every audited operation waits on, and measured on this 2-core machine the lock
     * and head through a SqlObject took about 1.1-1.6 ms a batch against 0.4 ms here, and the rows
     * bound through {@code @SqlBatch} were no faster than this batch (slower in the median), for
     * the same round trips. The pool's reWriteBatchedInserts sends the batch as a few multi-row
     * INSERTs in one round trip.
     */
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
        return reads.size();
    }

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return reads.latestCheckpoint();
    }

    public Optional<StoredCheckpoint> checkpoint(long treeSize) {
        return reads.checkpoint(treeSize);
    }

    /** One page of the auditor's search, in seq order. */
    public List<AuditEntry> search(AuditQuery query) {
        return search.search(query);
    }

    public Optional<AuditEntry> entry(long seq) {
        return reads.entry(seq);
    }
}
