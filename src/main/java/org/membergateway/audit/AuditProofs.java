package org.membergateway.audit;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * RFC 6962 inclusion and consistency proofs served from the database: stored subtree hashes
 * (written with each checkpoint) for the large complete parts, leaf hashes for the rest, so a proof
 * reads O(log n) rows plus at most a few thousand leaves after the latest checkpoint.
 */
public final class AuditProofs {

    /** Ranges up to this many leaves are hashed from their leaves in one query. */
    private static final int LEAVES_AT_ONCE = 4096;

    /** {@code leafIndex} = seq - 1; hashes in lower-case hex. */
    public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> auditPath, String rootHash) {
    }

    public record ConsistencyProof(long firstSize, long secondSize, String firstRootHash, String secondRootHash,
                                   List<String> consistencyPath) {
    }

    private final Jdbi jdbi;

    public AuditProofs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The caller checks {@code 1 <= seq <= treeSize <= size}. */
    public InclusionProof inclusion(long seq, long treeSize) {
        return jdbi.withHandle(h -> {
            Subtrees subtrees = new Subtrees(h.attach(AuditDao.class));
            List<byte[]> path = MerkleProofs.inclusionPath(seq - 1, treeSize, subtrees);
            return new InclusionProof(seq - 1, treeSize, hex(subtrees.hash(seq - 1, seq)), hex(path),
                    hex(subtrees.hash(0, treeSize)));
        });
    }

    /** The caller checks {@code 1 <= first <= second <= size}. */
    public ConsistencyProof consistency(long first, long second) {
        return jdbi.withHandle(h -> {
            Subtrees subtrees = new Subtrees(h.attach(AuditDao.class));
            List<byte[]> path = MerkleProofs.consistencyPath(first, second, subtrees);
            return new ConsistencyProof(first, second, hex(subtrees.hash(0, first)), hex(subtrees.hash(0, second)),
                    hex(path));
        });
    }

    /** MTH(D[start:end]) from stored nodes where they exist, from leaves where they do not. */
    private static final class Subtrees implements MerkleProofs.SubtreeSource {
        private final AuditDao dao;
        private final EntryHasher hasher = new EntryHasher();
        private final Map<String, byte[]> computed = new HashMap<>();

        /** One handle for the whole proof, which makes many small reads. */
        Subtrees(AuditDao dao) {
            this.dao = dao;
        }

        @Override
        public byte[] hash(long start, long end) {
            String key = start + ":" + end;
            byte[] known = computed.get(key);
            if (known == null) {
                known = compute(start, end);
                computed.put(key, known);
            }
            return known;
        }

        private byte[] compute(long start, long end) {
            long n = end - start;
            if (Long.bitCount(n) == 1 && start % n == 0 && Long.numberOfTrailingZeros(n) >= Checkpointer.MIN_STORED_LEVEL) {
                byte[] stored = dao.treeNode((short) Long.numberOfTrailingZeros(n), start / n).orElse(null);
                if (stored != null) {
                    return stored;
                }
            }
            if (n <= LEAVES_AT_ONCE) {
                return MerkleProofs.root(leaves(start, end));
            }
            long k = MerkleProofs.largestPowerOfTwoBelow(n);
            return hasher.nodeHash(hash(start, start + k), hash(start + k, end));
        }

        /** Leaf hashes of leaf indexes [start, end), i.e. seqs start+1 .. end. */
        private List<byte[]> leaves(long start, long end) {
            List<byte[]> leaves = dao.leafHashes(start, end);
            if (leaves.size() != end - start) {
                throw new IllegalStateException("audit entries " + (start + 1) + ".." + end + " are not all present");
            }
            return leaves;
        }
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(AuditProofs::hex).toList();
    }
}
