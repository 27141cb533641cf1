package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The RFC 9162 Merkle tree: the bottom-up proofs receipts carry equal the RFC's recursive PATH, and every one verifies. */
class MerkleTreeTests {

    @Test
    void everyLeafsProofLeadsToTheRootAndMatchesTheRfcsRecursiveDefinition() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n);
            byte[] root = MerkleTree.root(leaves);
            List<List<byte[]>> proofs = MerkleTree.inclusionProofs(leaves);
            for (int i = 0; i < n; i++) {
                List<byte[]> recursive = MerkleTree.inclusionProof(leaves, i);
                assertThat(hex(proofs.get(i))).as("n=%d leaf %d", n, i).isEqualTo(hex(recursive));
                assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, proofs.get(i), root)).as("n=%d leaf %d", n, i).isTrue();
            }
        }
    }

    @Test
    void aChangedLeafOrAWrongIndexDoesNotVerify() {
        List<byte[]> leaves = leaves(13);
        byte[] root = MerkleTree.root(leaves);
        List<byte[]> proof = MerkleTree.inclusionProofs(leaves).get(5);
        assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash("changed".getBytes(StandardCharsets.UTF_8)), 5, 13, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 4, 13, proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 13, 13, proof, root)).isFalse();
    }

    @Test
    void theRootIsTheRfcsForTwoAndThreeLeaves() {
        List<byte[]> leaves = leaves(3);
        var digest = Sha256.digest();
        digest.update((byte) 1);
        digest.update(leaves.get(0));
        digest.update(leaves.get(1));
        byte[] left = digest.digest();
        assertThat(MerkleTree.root(leaves.subList(0, 2))).isEqualTo(left);
        digest.update((byte) 1);
        digest.update(left);
        digest.update(leaves.get(2));
        assertThat(MerkleTree.root(leaves)).isEqualTo(digest.digest());
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
