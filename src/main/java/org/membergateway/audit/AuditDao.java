package org.membergateway.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.audit.AuditStore.StoredCheckpoint;

/**
 * The trail's fixed SQL: entries, checkpoints and stored subtree hashes (the append's own
 * statements stay in {@link AuditStore}, see there why). Tables and the rules that keep them
 * append-only are in {@code V2__roles_and_audit_trail.sql}. Whatever must run in a transaction (a
 * checkpoint under its lock, a verification's snapshot, a cursor that fetches in chunks) attaches
 * this to that transaction's handle; plain reads use {@code jdbi.onDemand}.
 */
@RegisterRowMapper(AuditDao.EntryMapper.class)
@RegisterRowMapper(AuditDao.CheckpointMapper.class)
public interface AuditDao {

    String ENTRY_COLUMNS = "seq, at, actor, action, target, decision, reasons, policy_version, row_count,"
            + " export_digest, prev_hash, hash";

    /** What the chain is checked on: an entry's link to its predecessor and its own hashes. */
    record ChainLink(long seq, byte[] prevHash, byte[] leafHash, byte[] hash) {
    }

    /** A perfect subtree of 2^level leaves, the index-th of its level. */
    record TreeNode(short level, long idx, byte[] hash) {
    }

    /**
     * A checkpoint row as stored, unparsed, for the verifier: a tampered row may hold values that
     * {@link StoredCheckpoint} would refuse, and those must be reported, not thrown.
     */
    record CheckpointRow(long treeSize, String note, byte[] rootHash, byte[] frontier) {
    }

    /** Held to commit; other transactions taking the same key wait. */
    @SqlQuery("SELECT true FROM pg_advisory_xact_lock(:key)")
    boolean lockUntilCommit(@Bind("key") long key);

    /** Entries committed so far (the last seq; seqs have no gaps). */
    @SqlQuery("SELECT coalesce(max(seq), 0) FROM audit_entries")
    long size();

    @SqlQuery("SELECT " + ENTRY_COLUMNS + " FROM audit_entries WHERE seq = :seq")
    Optional<AuditEntry> entry(@Bind("seq") long seq);

    @SqlQuery("SELECT hash FROM audit_entries WHERE seq = :seq")
    Optional<byte[]> entryHash(@Bind("seq") long seq);

    /** Entries after {@code afterSeq} up to {@code upToSeq}, in seq order, fetched in chunks; close the iterator. */
    @SqlQuery("SELECT seq, prev_hash, leaf_hash, hash FROM audit_entries WHERE seq > :afterSeq AND seq <= :upToSeq ORDER BY seq")
    @FetchSize(10_000)
    @RegisterConstructorMapper(ChainLink.class)
    ResultIterator<ChainLink> chainLinks(@Bind("afterSeq") long afterSeq, @Bind("upToSeq") long upToSeq);

    /** Every entry from {@code fromSeq} on, in seq order, fetched in chunks; close the iterator. */
    @SqlQuery("SELECT seq, prev_hash, leaf_hash, hash FROM audit_entries WHERE seq >= :fromSeq ORDER BY seq")
    @FetchSize(10_000)
    @RegisterConstructorMapper(ChainLink.class)
    ResultIterator<ChainLink> chainLinksFrom(@Bind("fromSeq") long fromSeq);

    /** Leaf hashes of seqs {@code afterSeq + 1 .. upToSeq}, in seq order. */
    @SqlQuery("SELECT leaf_hash FROM audit_entries WHERE seq > :afterSeq AND seq <= :upToSeq ORDER BY seq")
    List<byte[]> leafHashes(@Bind("afterSeq") long afterSeq, @Bind("upToSeq") long upToSeq);

    /** Pages the table holds, for the verifier's reads in physical order. */
    @SqlQuery("SELECT pg_relation_size('audit_entries') / current_setting('block_size')::bigint")
    long entryPages();

    @SqlQuery("SELECT tree_size, root_hash, frontier, note FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1")
    Optional<StoredCheckpoint> latestCheckpoint();

    @SqlQuery("SELECT tree_size, root_hash, frontier, note FROM audit_checkpoints WHERE tree_size = :treeSize")
    Optional<StoredCheckpoint> checkpoint(@Bind("treeSize") long treeSize);

    @SqlQuery("SELECT tree_size, note, root_hash, frontier FROM audit_checkpoints WHERE tree_size > :afterSize"
            + " ORDER BY tree_size LIMIT :limit")
    @RegisterConstructorMapper(CheckpointRow.class)
    List<CheckpointRow> checkpointRowsAfter(@Bind("afterSize") long afterSize, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO audit_checkpoints (tree_size, root_hash, frontier, key_hash, note)"
            + " VALUES (:treeSize, :rootHash, :frontier, :keyHash, :note)")
    void insertCheckpoint(@Bind("treeSize") long treeSize, @Bind("rootHash") byte[] rootHash,
                          @Bind("frontier") byte[] frontier, @Bind("keyHash") byte[] keyHash, @Bind("note") String note);

    /** No ON CONFLICT: each subtree completes exactly once, so an existing row would be a planted one. */
    @SqlBatch("INSERT INTO audit_tree_nodes (level, idx, hash) VALUES (:level, :idx, :hash)")
    void insertTreeNodes(@BindMethods List<TreeNode> nodes);

    @SqlQuery("SELECT hash FROM audit_tree_nodes WHERE level = :level AND idx = :idx")
    Optional<byte[]> treeNode(@Bind("level") short level, @Bind("idx") long idx);

    /** An entry by column name, as {@link #ENTRY_COLUMNS} selects it. */
    final class EntryMapper implements RowMapper<AuditEntry> {
        @Override
        public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
            String reasons = rs.getString("reasons");
            long rows = rs.getLong("row_count");
            Long rowCount = rs.wasNull() ? null : rows;
            return new AuditEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                    rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("decision"),
                    reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")), rs.getString("policy_version"),
                    rowCount, rs.getString("export_digest"), new Sha256Hash(rs.getBytes("prev_hash")),
                    new Sha256Hash(rs.getBytes("hash")));
        }
    }

    final class CheckpointMapper implements RowMapper<StoredCheckpoint> {
        @Override
        public StoredCheckpoint map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StoredCheckpoint(rs.getLong("tree_size"), new Sha256Hash(rs.getBytes("root_hash")),
                    rs.getBytes("frontier"), rs.getString("note"));
        }
    }
}
