package org.referraldecisions.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1) over the records of one group commit, with
 * SHA-256 from the JDK: leaf hash {@code SHA-256(0x00 || leaf)}, node hash {@code SHA-256(0x01 || left || right)}, the
 * left subtree the largest power of two smaller than the tree. One signature over the root covers every record of the
 * group; a record's inclusion proof (at most log2(group size) hashes) lets its receipt be checked alone, offline.
 */
final class MerkleTree {

    private MerkleTree() {
    }

    static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = Sha256.digest();
        digest.update((byte) 0);
        digest.update(leaf);
        return digest.digest();
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = Sha256.digest();
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** MTH(D[n]) over the given leaf hashes. */
    static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return Sha256.digest().digest();
        }
        return root(leafHashes, 0, leafHashes.size());
    }

    private static byte[] root(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /** PATH(m, D[n]): the audit path of leaf {@code index}, nearest sibling first. */
    static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leafHashes, index, 0, leafHashes.size(), path);
        return path;
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(root(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(root(leaves, from, from + k));
        }
    }

    /**
     * Every leaf's audit path at once, in O(n log n): the tree is built bottom up, pairing nodes level by level and
     * carrying a level's odd last node up unchanged, which gives the same tree (and paths) as the recursive split
     * above; a group's receipts need every path, and the recursive form would cost O(n^2) hashes.
     */
    static List<List<byte[]>> inclusionProofs(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        List<List<byte[]>> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            proofs.add(new ArrayList<>());
        }
        List<byte[]> level = leafHashes;
        // Which node of the current level each leaf is under.
        int[] position = new int[n];
        for (int i = 0; i < n; i++) {
            position[i] = i;
        }
        while (level.size() > 1) {
            for (int leaf = 0; leaf < n; leaf++) {
                int sibling = position[leaf] ^ 1;
                if (sibling < level.size()) {
                    proofs.get(leaf).add(level.get(sibling));
                }
                position[leaf] >>= 1;
            }
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(nodeHash(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                up.add(level.get(level.size() - 1));
            }
            level = up;
        }
        return proofs;
    }

    /** RFC 9162 section 2.1.3.2: does {@code proof} lead from the leaf hash at {@code index} to {@code root}? */
    static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
