package org.referraldecisions.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed checkpoint (after RFC 9162's signed tree head) of the log {@code logId}: the records {@code firstSeq..lastSeq} of one group commit,
 * the root of the Merkle tree over their leaves, the chain head hash after them, and the first sequence number whose
 * record is keyed ({@code keyedFrom}: records before it predate signing), signed with Ed25519 by the key {@code keyId}.
 * Written in the same transaction as its records (table {@code decision_checkpoint}) and, after the commit, appended to
 * the checkpoint file, which a database writer cannot rewrite.
 */
record Checkpoint(String keyId, String logId, long firstSeq, long lastSeq, String treeRoot, String headHash, long keyedFrom, Instant signedAt,
                  String signature) {

    private static final String DOMAIN = "referral-decisions decision-log checkpoint v1";

    /** The exact bytes signed: every field but the signature, one a line, after a domain label. */
    byte[] signedBytes() {
        return String.join("\n", DOMAIN, keyId, logId, Long.toString(firstSeq), Long.toString(lastSeq), treeRoot, headHash,
                Long.toString(keyedFrom), signedAt.toString(), "").getBytes(StandardCharsets.UTF_8);
    }

    long treeSize() {
        return lastSeq - firstSeq + 1;
    }

    boolean covers(long seq) {
        return seq >= firstSeq && seq <= lastSeq;
    }

    /** Signs a group's records: their leaves' Merkle root, the last record's hash as the head. */
    static Checkpoint sign(SigningKey key, String logId, List<DecisionRecord> group, long keyedFrom, Instant now) {
        DecisionRecord first = group.get(0);
        DecisionRecord last = group.get(group.size() - 1);
        String root = HexFormat.of().formatHex(MerkleTree.root(group.stream().map(Checkpoint::leafHash).toList()));
        Checkpoint unsigned = new Checkpoint(key.keyId(), logId, first.seq(), last.seq(), root, last.recordHash(), keyedFrom,
                now.truncatedTo(java.time.temporal.ChronoUnit.MICROS), null);
        return unsigned.withSignature(Base64.getEncoder().encodeToString(key.sign(unsigned.signedBytes())));
    }

    Checkpoint withSignature(String signature) {
        return new Checkpoint(keyId, logId, firstSeq, lastSeq, treeRoot, headHash, keyedFrom, signedAt, signature);
    }

    /** Null when the signature is good under a key of the ring, else why not. */
    String signatureProblem(KeyRing keys) {
        var key = keys.find(keyId);
        if (key.isEmpty()) {
            return "it is signed by key " + keyId + ", which is not among the decision log's keys";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException | NullPointerException e) {
            return "its signature is not Base64";
        }
        return key.get().verifies(signedBytes(), bytes) ? null : "its signature does not verify under key " + keyId;
    }

    /**
     * The leaf a record is in the tree as: what its receipt holds (sequence number, decision id, the SHA-256 of the
     * request and of the response as logged, the record hash), one a line. A caller can check the response part
     * against the bytes it received.
     */
    static byte[] leaf(long seq, String decisionId, String requestSha256, String responseSha256, String recordHash) {
        return String.join("\n", Long.toString(seq), decisionId, requestSha256, responseSha256, recordHash)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] leafHash(DecisionRecord r) {
        return MerkleTree.leafHash(leaf(r.seq(), r.decisionId(), r.requestSha256(), r.responseSha256(), r.recordHash()));
    }
}
