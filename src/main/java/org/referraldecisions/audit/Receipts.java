package org.referraldecisions.audit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.referraldecisions.service.DecisionResponseV1;

/** The receipt of each record of a group commit: its leaf's inclusion proof under the group's signed checkpoint. */
final class Receipts {

    private Receipts() {
    }

    static List<DecisionResponseV1.Receipt> of(DecisionLog.Appended appended) {
        List<byte[]> leaves = appended.records().stream().map(Checkpoint::leafHash).toList();
        DecisionResponseV1.Checkpoint checkpoint = wire(appended.checkpoint());
        List<List<byte[]>> proofs = MerkleTree.inclusionProofs(leaves);
        List<DecisionResponseV1.Receipt> receipts = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            DecisionRecord r = appended.records().get(i);
            List<String> proof = proofs.get(i).stream().map(HexFormat.of()::formatHex).toList();
            receipts.add(new DecisionResponseV1.Receipt(r.decisionId(), r.seq(), r.requestSha256(), r.responseSha256(), r.recordHash(),
                    proof, checkpoint));
        }
        return receipts;
    }

    static DecisionResponseV1.Checkpoint wire(Checkpoint c) {
        return new DecisionResponseV1.Checkpoint(c.keyId(), c.logId(), c.firstSeq(), c.lastSeq(), c.treeRoot(), c.headHash(), c.keyedFrom(),
                c.signedAt().toString(), c.signature());
    }

    static Checkpoint fromWire(DecisionResponseV1.Checkpoint c) {
        return new Checkpoint(c.keyId(), c.logId(), c.firstSeq(), c.lastSeq(), c.treeRoot(), c.headHash(), c.keyedFrom(),
                java.time.Instant.parse(c.signedAt()), c.signature());
    }

    /**
     * Null if the receipt stands on its own (the checkpoint's signature verifies under a key of the ring and the
     * inclusion proof leads from the receipt's leaf to the signed root), else why not. Needs no database.
     */
    static String offlineProblem(DecisionResponseV1.Receipt receipt, KeyRing keys) {
        if (receipt.checkpoint() == null) {
            return "the receipt has no checkpoint";
        }
        Checkpoint checkpoint;
        try {
            checkpoint = fromWire(receipt.checkpoint());
        } catch (RuntimeException e) {
            return "the receipt's checkpoint is malformed";
        }
        String signature = checkpoint.signatureProblem(keys);
        if (signature != null) {
            return "its checkpoint does not verify: " + signature;
        }
        if (!checkpoint.covers(receipt.seq())) {
            return "its checkpoint covers #" + checkpoint.firstSeq() + "..#" + checkpoint.lastSeq() + ", not #" + receipt.seq();
        }
        List<byte[]> proof;
        try {
            proof = receipt.inclusionProof() == null ? List.of() : receipt.inclusionProof().stream().map(HexFormat.of()::parseHex).toList();
        } catch (IllegalArgumentException e) {
            return "its inclusion proof is not hex";
        }
        byte[] leaf = MerkleTree.leafHash(Checkpoint.leaf(receipt.seq(), receipt.decisionId(), receipt.requestSha256(),
                receipt.responseSha256(), receipt.recordHash()));
        boolean included;
        try {
            included = MerkleTree.verifyInclusion(leaf, receipt.seq() - checkpoint.firstSeq(), checkpoint.treeSize(), proof,
                    HexFormat.of().parseHex(checkpoint.treeRoot()));
        } catch (IllegalArgumentException e) {
            included = false;
        }
        return included ? null : "its inclusion proof does not lead to the signed root: the receipt's fields were changed";
    }
}
