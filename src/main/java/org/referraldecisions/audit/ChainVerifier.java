package org.referraldecisions.audit;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.media.Schema;
import org.referraldecisions.service.DecisionResponseV1;

/**
 * Walks the decision log in chain order and reports the first thing that fails, in sequence order:
 * <ul>
 * <li>a missing record (a gap in the sequence), a broken link to the previous record;</li>
 * <li>a body that does not match its hash, or a body removed before its retention period ended;</li>
 * <li>a record whose content does not match its keyed hash (HMAC under the key held outside the database: an edited
 *     column, or an edit re-chained with recomputed hashes), or, before signing began, its unkeyed hash;</li>
 * <li>a keyed record no signed checkpoint covers, a checkpoint whose Ed25519 signature does not verify (or whose key is
 *     not among the log's keys), or a group of records whose Merkle root or head hash is not the one signed;</li>
 * <li>a missing tail: the chain head, a checkpoint row or a line of a checkpoint file (outside the database) names a
 *     record beyond the end of the log;</li>
 * <li>a receipt given to it that is not signed, not consistent, or names a record the log does not hold as receipted.</li>
 * </ul>
 */
final class ChainVerifier {

    /**
     * The outcome: how many records and checkpoints were checked, how many records predate signing (checked by their
     * unkeyed hash only), the log's id, which checkpoint files were read and how many of their lines belong to other
     * logs (another database's, e.g. an earlier test run's: not this log's), each receipt's check, and the first
     * failure if any.
     */
    @Schema(name = "ChainVerification")
    record Verification(boolean verified, long records,
                        @Schema(description = "null when every record verified", nullable = true) FirstFailure firstFailure, long checkpoints, long unsignedRecords,
                        @Schema(description = "null before the first signed commit", nullable = true) String logId, List<String> checkpointFiles, long otherLogsCheckpoints, List<ReceiptCheck> receipts) {
    }

    @Schema(name = "ChainFailure", description = "The first record that failed verification")
    record FirstFailure(long seq,
                        @Schema(description = "null when the failure is of the chain head, not of one record", nullable = true) String decisionId,
                        String reason) {
    }

    record ReceiptCheck(String decisionId, long seq, boolean verified, @Schema(description = "null when the receipt verified", nullable = true) String reason) {
    }

    private static final int CHECKPOINT_PAGE = 1000;

    private final DecisionLog decisionLog;
    private final Checkpoints checkpoints;
    private final KeyRing keys;
    private final Retention retention;
    private final Path checkpointDir;

    ChainVerifier(DecisionLog decisionLog, Checkpoints checkpoints, KeyRing keys, Retention retention, Path checkpointDir) {
        this.decisionLog = decisionLog;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.retention = retention;
        this.checkpointDir = checkpointDir;
    }

    Verification verify() {
        return verify(List.of());
    }

    Verification verify(List<DecisionResponseV1.Receipt> receipts) {
        DecisionLog.ChainHead head = decisionLog.head();
        long keyedFrom = checkpoints.storedKeyedFrom();
        String logId = checkpoints.storedLogId();
        Walk walk = new Walk(keyedFrom, logId);
        walk.failure = keyedFromProblem(checkpoints.from(0, 1).stream().findFirst().orElse(null), keyedFrom, "the first checkpoint in the database");
        try {
            decisionLog.forEachInOrder(walk::accept);
        } catch (DecisionLog.UnreadableBodyException e) {
            // A sealed body that fails its authentication tag or its hash (altered in the database), or whose data key is
            // missing though not destroyed by retention: the walk cannot go past it.
            if (walk.failure == null) {
                walk.count++;
                walk.failure = new FirstFailure(e.seq(), e.decisionId(), e.getMessage());
            }
        }
        walk.finish();
        long lastSeq = walk.expectedSeq - 1;
        if (walk.failure == null && (head.seq() != lastSeq || !head.recordHash().equals(walk.prevHash))) {
            walk.failure = new FirstFailure(lastSeq + 1, null, "the chain head names record #" + head.seq()
                    + " but the log ends at #" + lastSeq + ": records are missing from the end");
        }
        // Checkpoint rows beyond the last record: the tail was removed but not its checkpoints.
        if (walk.failure == null) {
            List<Checkpoint> beyond = checkpoints.from(lastSeq + 1, 1);
            if (!beyond.isEmpty()) {
                walk.failure = missingTail(lastSeq, beyond.get(0).lastSeq(), "a checkpoint in the database");
            }
        }
        List<String> files = new ArrayList<>();
        long[] otherLogs = {0};
        for (Path file : CheckpointFile.filesIn(checkpointDir)) {
            files.add(file.toString());
            if (walk.failure == null) {
                walk.failure = checkFile(file, lastSeq, logId, otherLogs);
            }
        }
        List<ReceiptCheck> receiptChecks = new ArrayList<>();
        for (DecisionResponseV1.Receipt receipt : receipts) {
            ReceiptCheck check = check(receipt, lastSeq);
            receiptChecks.add(check);
            if (walk.failure == null && !check.verified()) {
                walk.failure = new FirstFailure(check.seq(), check.decisionId(), "a receipt does not verify: " + check.reason());
            }
        }
        return new Verification(walk.failure == null, walk.count, walk.failure, walk.checkpointsChecked, walk.unsigned, logId, files,
                otherLogs[0], receiptChecks);
    }

    /** The record-by-record walk, with the table's checkpoints read a page at a time alongside. */
    private final class Walk {
        final long keyedFrom;
        final String logId;
        long count;
        long expectedSeq = 1;
        String prevHash = Sha256.ZERO;
        FirstFailure failure;
        long unsigned;
        long checkpointsChecked;
        final Deque<Checkpoint> page = new ArrayDeque<>();
        Checkpoint current;
        final List<byte[]> leaves = new ArrayList<>();
        long groupStart;

        Walk(long keyedFrom, String logId) {
            this.keyedFrom = keyedFrom;
            this.logId = logId;
        }

        void accept(DecisionRecord r) {
            count++;
            if (failure != null) {
                // Past the first failure: only where the log ends is still needed (for receipts and the tail).
                expectedSeq = r.seq() + 1;
                return;
            }
            String reason = check(r);
            if (reason != null) {
                failure = new FirstFailure(r.seq(), r.decisionId(), reason);
            }
            expectedSeq = r.seq() + 1;
            prevHash = r.recordHash();
        }

        private String check(DecisionRecord r) {
            if (r.seq() != expectedSeq) {
                failure = new FirstFailure(expectedSeq, null, "record #" + expectedSeq + " is missing: the log goes from #"
                        + (expectedSeq - 1) + " to #" + r.seq());
                return null;
            }
            if (!r.prevHash().equals(prevHash)) {
                return "its previous-record hash does not match record #" + (r.seq() - 1);
            }
            String body = bodyProblem(r);
            if (body != null) {
                return body;
            }
            if (r.seq() < keyedFrom) {
                unsigned++;
                return r.computeHash().equals(r.recordHash()) ? null : "the record's content does not match its hash";
            }
            if (current == null || r.seq() > current.lastSeq()) {
                String problem = nextCheckpoint(r.seq());
                if (problem != null) {
                    return problem;
                }
            }
            SigningKey key = keys.find(current.keyId()).orElseThrow();
            if (key.hasChainKey() && !RecordKeying.keyedHash(r, key).equals(r.recordHash())) {
                return "the record's content does not match its keyed hash (edited, or re-chained without the key)";
            }
            leaves.add(Checkpoint.leafHash(r));
            if (r.seq() == current.lastSeq()) {
                String root = HexFormat.of().formatHex(MerkleTree.root(leaves));
                if (!root.equals(current.treeRoot()) || !r.recordHash().equals(current.headHash())) {
                    failure = new FirstFailure(groupStart, null, "records #" + current.firstSeq() + "..#" + current.lastSeq()
                            + " are not the records their signed checkpoint covers (one of them was changed)");
                    return null;
                }
                leaves.clear();
            }
            return null;
        }

        /** Moves to the checkpoint that must start at {@code seq}; null if it is there and signed, else why not. */
        private String nextCheckpoint(long seq) {
            if (page.isEmpty()) {
                page.addAll(checkpoints.from(seq, CHECKPOINT_PAGE));
            }
            Checkpoint next = page.peekFirst();
            if (next == null || next.firstSeq() != seq) {
                return "no signed checkpoint covers this record (its checkpoint was removed, or it was inserted without the key)";
            }
            page.removeFirst();
            String signature = next.signatureProblem(keys);
            if (signature != null) {
                return "the checkpoint covering #" + next.firstSeq() + "..#" + next.lastSeq() + " does not verify: " + signature;
            }
            if (!next.logId().equals(logId)) {
                return "the checkpoint covering #" + next.firstSeq() + "..#" + next.lastSeq() + " is signed for log " + next.logId()
                        + " but this log is " + logId;
            }
            if (next.keyedFrom() != keyedFrom) {
                return "the log says signing began at #" + keyedFrom + " but its signed checkpoint says #" + next.keyedFrom();
            }
            current = next;
            groupStart = seq;
            leaves.clear();
            checkpointsChecked++;
            return null;
        }

        void finish() {
            if (failure == null && current != null && expectedSeq - 1 < current.lastSeq()) {
                failure = missingTail(expectedSeq - 1, current.lastSeq(), "its signed checkpoint in the database");
            }
        }
    }

    /**
     * A body may be absent only once its retention period is over (written against this one method so the way bodies
     * are stored or purged can change; see {@link Retention#bodiesMayBeAbsent}).
     */
    private String bodyProblem(DecisionRecord r) {
        if ((r.requestJson() == null || r.responseJson() == null) && !retention.bodiesMayBeAbsent(r)) {
            return "its " + (r.requestJson() == null && r.responseJson() == null ? "request and response were" : r.requestJson() == null
                    ? "request was" : "response was") + " removed before its retention period ended";
        }
        if (r.requestJson() != null && !Sha256.hex(r.requestJson()).equals(r.requestSha256())) {
            return "the stored request does not match its hash";
        }
        if (r.responseJson() != null && !Sha256.hex(r.responseJson()).equals(r.responseSha256())) {
            return "the stored response does not match its hash";
        }
        return null;
    }

    /**
     * Where signing began is signed into every checkpoint: a writer who moves it (to pass re-chained records off as
     * unkeyed ones from before signing) contradicts a signed checkpoint.
     */
    private FirstFailure keyedFromProblem(Checkpoint signed, long keyedFrom, String where) {
        if (signed == null || signed.keyedFrom() == keyedFrom || signed.signatureProblem(keys) != null) {
            return null;
        }
        return new FirstFailure(Math.min(signed.keyedFrom(), keyedFrom), null, "the log says signing began at #" + keyedFrom + " but "
                + where + " is signed saying #" + signed.keyedFrom() + " (records were passed off as written before signing)");
    }

    private static FirstFailure missingTail(long lastSeq, long signedUpTo, String where) {
        return new FirstFailure(lastSeq + 1, null, "missing tail: " + where + " signs records up to #" + signedUpTo
                + " but the log ends at #" + lastSeq + " (records #" + (lastSeq + 1) + "..#" + signedUpTo + " were removed)");
    }

    /** Each line of a checkpoint file: signed, not beyond the log's end, and the same as the database's checkpoint. */
    private FirstFailure checkFile(Path file, long lastSeq, String logId, long[] otherLogs) {
        long[] signedUpTo = {lastSeq};
        FirstFailure failure = CheckpointFile.scan(file, line -> {
            if (line.checkpoint() == null) {
                return null; // a torn last line (the process died mid-write): nothing it says is signed
            }
            Checkpoint c = line.checkpoint();
            if (!c.logId().equals(logId)) {
                otherLogs[0]++; // another database's log (counted in the result, so an operator sees it)
                return null;
            }
            FirstFailure moved = keyedFromProblem(c, checkpoints.storedKeyedFrom(), "line " + line.number() + " of checkpoint file " + file);
            if (moved != null) {
                return moved;
            }
            if (c.lastSeq() > lastSeq) {
                String signature = c.signatureProblem(keys);
                if (signature != null) {
                    return new FirstFailure(c.firstSeq(), null, "line " + line.number() + " of checkpoint file " + file + ": " + signature);
                }
                signedUpTo[0] = Math.max(signedUpTo[0], c.lastSeq());
                return null;
            }
            Checkpoint stored = checkpoints.startingAt(c.firstSeq()).orElse(null);
            if (!c.equals(stored)) {
                String signature = c.signatureProblem(keys);
                return new FirstFailure(c.firstSeq(), null, signature != null
                        ? "line " + line.number() + " of checkpoint file " + file + ": " + signature
                        : "the checkpoint of #" + c.firstSeq() + "..#" + c.lastSeq() + " in checkpoint file " + file
                        + " is not the one in the database (the database's was " + (stored == null ? "removed" : "replaced") + ")");
            }
            return null;
        });
        if (failure != null) {
            return failure;
        }
        return signedUpTo[0] > lastSeq ? missingTail(lastSeq, signedUpTo[0], "checkpoint file " + file) : null;
    }

    /** A receipt: signed and self-consistent (offline), and the log holds its record exactly as receipted. */
    ReceiptCheck check(DecisionResponseV1.Receipt receipt, long lastSeq) {
        String offline = Receipts.offlineProblem(receipt, keys);
        if (offline != null) {
            return new ReceiptCheck(receipt.decisionId(), receipt.seq(), false, offline);
        }
        if (receipt.seq() > lastSeq) {
            return new ReceiptCheck(receipt.decisionId(), receipt.seq(), false, "missing tail: the receipt is for record #" + receipt.seq()
                    + " but the log ends at #" + lastSeq);
        }
        DecisionRecord r = decisionLog.find(receipt.decisionId()).orElse(null);
        if (r == null) {
            return new ReceiptCheck(receipt.decisionId(), receipt.seq(), false, "the log has no record of decision " + receipt.decisionId()
                    + ": it was removed");
        }
        if (r.seq() != receipt.seq() || !Objects.equals(r.recordHash(), receipt.recordHash())
                || !Objects.equals(r.requestSha256(), receipt.requestSha256()) || !Objects.equals(r.responseSha256(), receipt.responseSha256())) {
            return new ReceiptCheck(receipt.decisionId(), receipt.seq(), false, "record #" + r.seq() + " in the log is not the record receipted");
        }
        return new ReceiptCheck(receipt.decisionId(), receipt.seq(), true, null);
    }
}
