package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's Merkle code against the RFC 6962 test vectors and a standalone checker. */
class MerkleTest {

    // The eight leaves and roots used by Certificate Transparency's and Go's RFC 6962 tests.
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static final HexFormat HEX = HexFormat.of();

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(Rfc6962.leafHash(("leaf " + i).getBytes()));
        }
        return leaves;
    }

    @Test
    void frontierRootsMatchTheRfc6962TestVectors() {
        MerkleFrontier frontier = new MerkleFrontier();
        assertThat(HEX.formatHex(frontier.root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int i = 0; i < LEAVES.length; i++) {
            frontier.append(Rfc6962.leafHash(HEX.parseHex(LEAVES[i])));
            assertThat(HEX.formatHex(frontier.root())).as("root of %d leaves", i + 1).isEqualTo(ROOTS[i]);
        }
    }

    @Test
    void proofsMatchTheRfc6962TestVectors() {
        List<byte[]> leaves = new ArrayList<>();
        for (String leaf : LEAVES) {
            leaves.add(Rfc6962.leafHash(HEX.parseHex(leaf)));
        }
        MerkleProofs.SubtreeSource source = (start, end) -> Rfc6962.mth(leaves.subList((int) start, (int) end));
        assertThat(MerkleProofs.inclusionPath(5, 8, source)).extracting(HEX::formatHex).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(MerkleProofs.consistencyPath(6, 8, source)).extracting(HEX::formatHex).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(MerkleProofs.consistencyPath(2, 5, source)).extracting(HEX::formatHex).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void frontierMatchesTheRecursiveDefinitionAndSurvivesEncoding() {
        List<byte[]> leaves = leaves(300);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int n = 1; n <= leaves.size(); n++) {
            frontier.append(leaves.get(n - 1));
            assertThat(frontier.root()).as("n=%d", n).isEqualTo(Rfc6962.mth(leaves.subList(0, n)));
            if (n % 37 == 0) {
                frontier = MerkleFrontier.decode(frontier.size(), frontier.encoded());
            }
        }
    }

    @Test
    void completedSubtreesAreReportedWithTheirLevelAndIndex() {
        List<byte[]> leaves = leaves(64);
        MerkleFrontier frontier = new MerkleFrontier();
        List<String> seen = new ArrayList<>();
        for (byte[] leaf : leaves) {
            frontier.append(leaf, (level, index, hash) -> {
                int size = 1 << level;
                assertThat(hash).isEqualTo(Rfc6962.mth(leaves.subList((int) index * size, (int) (index + 1) * size)));
                seen.add(level + ":" + index);
            });
        }
        assertThat(seen).hasSize(63).contains("6:0", "5:1", "1:31");
    }

    @Test
    void everyInclusionAndConsistencyProofUpTo70LeavesVerifiesStandalone() {
        List<byte[]> leaves = leaves(70);
        MerkleProofs.SubtreeSource source = (start, end) -> Rfc6962.mth(leaves.subList((int) start, (int) end));
        for (int n = 1; n <= leaves.size(); n++) {
            byte[] root = Rfc6962.mth(leaves.subList(0, n));
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleProofs.inclusionPath(m, n, source);
                assertThat(Rfc6962.verifyInclusion(m, n, leaves.get(m), path, root)).as("inclusion %d in %d", m, n).isTrue();
                if (n > 1) {
                    assertThat(Rfc6962.verifyInclusion((m + 1) % n, n, leaves.get(m), path, root)).isFalse();
                }
            }
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = MerkleProofs.consistencyPath(m, n, source);
                byte[] older = Rfc6962.mth(leaves.subList(0, m));
                assertThat(Rfc6962.verifyConsistency(m, n, older, root, proof)).as("consistency %d to %d", m, n).isTrue();
                if (m < n) {
                    assertThat(Rfc6962.verifyConsistency(m, n, Rfc6962.sha256("not the root".getBytes()), root, proof)).isFalse();
                }
            }
        }
    }
}
