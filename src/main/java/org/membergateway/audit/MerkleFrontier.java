package org.membergateway.audit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact range of an RFC 6962 Merkle tree: for a tree of {@code size} leaves, the roots of its
 * perfect subtrees, largest (leftmost) first, one per 1-bit of {@code size}. That is all it takes
 * to append leaves and compute the root, so a checkpoint extends the previous checkpoint's frontier
 * instead of rehashing the whole log.
 */
public final class MerkleFrontier {

    /** Receives every perfect subtree completed by an append: its level (log2 of its leaves) and index. */
    @FunctionalInterface
    public interface CompletedSubtrees {
        void completed(int level, long index, byte[] hash);

        CompletedSubtrees NONE = (level, index, hash) -> { };
    }

    private static final byte[] EMPTY_ROOT = EntryHasher.newSha256().digest();

    private final EntryHasher hasher = new EntryHasher();
    private final ArrayList<byte[]> hashes;
    private long size;

    public MerkleFrontier() {
        this(0, List.of());
    }

    private MerkleFrontier(long size, List<byte[]> hashes) {
        if (Long.bitCount(size) != hashes.size()) {
            throw new IllegalArgumentException("a frontier of " + size + " leaves has " + Long.bitCount(size) + " hashes");
        }
        this.size = size;
        this.hashes = new ArrayList<>(hashes);
    }

    /** Restores a frontier stored as the concatenation of its hashes (see {@link #encoded()}). */
    public static MerkleFrontier decode(long size, byte[] encoded) {
        if (encoded.length != Long.bitCount(size) * Sha256Hash.LENGTH) {
            throw new IllegalArgumentException("stored frontier does not match tree size " + size);
        }
        List<byte[]> hashes = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(encoded);
        while (in.hasRemaining()) {
            byte[] h = new byte[Sha256Hash.LENGTH];
            in.get(h);
            hashes.add(h);
        }
        return new MerkleFrontier(size, hashes);
    }

    public long size() {
        return size;
    }

    public void append(byte[] leafHash) {
        append(leafHash, CompletedSubtrees.NONE);
    }

    /** Adds a leaf; each trailing 1-bit of the old size is a subtree that now merges with its right sibling. */
    public void append(byte[] leafHash, CompletedSubtrees completed) {
        byte[] node = leafHash;
        long index = size;
        int level = 0;
        while ((index & 1) == 1) {
            node = hasher.nodeHash(hashes.remove(hashes.size() - 1), node);
            index >>= 1;
            level++;
            completed.completed(level, index, node);
        }
        hashes.add(node);
        size++;
    }

    /** MTH of the whole tree: the frontier folded from the right; SHA-256 of nothing for an empty tree. */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return EMPTY_ROOT.clone();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = hasher.nodeHash(hashes.get(i), root);
        }
        return root;
    }

    public byte[] encoded() {
        ByteBuffer out = ByteBuffer.allocate(hashes.size() * Sha256Hash.LENGTH);
        hashes.forEach(out::put);
        return out.array();
    }

    public MerkleFrontier copy() {
        return new MerkleFrontier(size, hashes);
    }
}
