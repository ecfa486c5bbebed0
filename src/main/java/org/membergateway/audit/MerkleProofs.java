package org.membergateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1.1 audit paths and §2.1.2 consistency proofs, over any source of subtree hashes.
 * The recursion names each subtree it needs as MTH(D[start:end]); the source decides whether that
 * is a stored node or a few leaves to hash.
 */
public final class MerkleProofs {

    /** Answers MTH(D[start:end]) for 0 <= start < end <= the tree size being proved. */
    @FunctionalInterface
    public interface SubtreeSource {
        byte[] hash(long start, long end);
    }

    private MerkleProofs() {
    }

    /** PATH(m, D[n]): the audit path of leaf {@code m} (0-based) in the tree of the first {@code n} leaves. */
    public static List<byte[]> inclusionPath(long m, long n, SubtreeSource source) {
        if (m < 0 || m >= n) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of " + n);
        }
        List<byte[]> path = new ArrayList<>();
        path(m, 0, n, source, path);
        return path;
    }

    private static void path(long m, long start, long end, SubtreeSource source, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m - start < k) {
            path(m, start, start + k, source, out);
            out.add(source.hash(start + k, end));
        } else {
            path(m, start + k, end, source, out);
            out.add(source.hash(start, start + k));
        }
    }

    /** PROOF(m, D[n]): proves the tree of {@code m} leaves is a prefix of the tree of {@code n}. */
    public static List<byte[]> consistencyPath(long m, long n, SubtreeSource source) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (m < n) {
            subproof(m, 0, n, true, source, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean whole, SubtreeSource source, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(source.hash(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, source, out);
            out.add(source.hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, source, out);
            out.add(source.hash(start, start + k));
        }
    }

    /** The largest power of two strictly less than {@code n} (n >= 2): where RFC 6962 splits a tree. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** MTH over leaf hashes held in memory. */
    public static byte[] root(List<byte[]> leafHashes) {
        MerkleFrontier frontier = new MerkleFrontier();
        leafHashes.forEach(frontier::append);
        return frontier.root();
    }
}
