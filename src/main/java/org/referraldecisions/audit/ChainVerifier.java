package org.referraldecisions.audit;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Walks the decision log in chain order and reports the first record that fails: a body that does not
 * match its hash, a record whose content does not match its hash, a broken link to the previous record,
 * or a chain head that does not point at the last record (records removed from the end).
 */
final class ChainVerifier {

    /** The outcome: how many records were checked and, if any failed, the first one and why. */
    @Schema(name = "ChainVerification")
    record Verification(boolean verified, long records,
                        @Schema(description = "null when every record verified", nullable = true) FirstFailure firstFailure) {
    }

    @Schema(name = "ChainFailure", description = "The first record that failed verification")
    record FirstFailure(long seq,
                        @Schema(description = "null when the failure is of the chain head, not of one record", nullable = true) String decisionId,
                        String reason) {
    }

    private final DecisionLog decisionLog;

    ChainVerifier(DecisionLog decisionLog) {
        this.decisionLog = decisionLog;
    }

    Verification verify() {
        DecisionLog.ChainHead head = decisionLog.head();
        var state = new Object() {
            long count;
            long expectedSeq = 1;
            String prevHash = Sha256.ZERO;
            FirstFailure failure;
        };
        try {
            decisionLog.forEachInOrder(r -> {
                if (state.failure != null) {
                    return;
                }
                state.count++;
                String reason = check(r, state.expectedSeq, state.prevHash);
                if (reason != null) {
                    state.failure = new FirstFailure(r.seq(), r.decisionId(), reason);
                }
                state.expectedSeq = r.seq() + 1;
                state.prevHash = r.recordHash();
            });
        } catch (DecisionLog.UnreadableBodyException e) {
            // A sealed body that fails its authentication tag or its hash: altered in the database.
            if (state.failure == null) {
                state.count++;
                state.failure = new FirstFailure(e.seq(), e.decisionId(), e.getMessage());
            }
        }
        if (state.failure == null && (head.seq() != state.expectedSeq - 1 || !head.recordHash().equals(state.prevHash))) {
            state.failure = new FirstFailure(head.seq(), null, "the chain head names record #" + head.seq()
                    + " but the log ends at #" + (state.expectedSeq - 1) + ": records are missing from the end");
        }
        return new Verification(state.failure == null, state.count, state.failure);
    }

    private static String check(DecisionRecord r, long expectedSeq, String prevHash) {
        if (r.seq() != expectedSeq) {
            return "expected record #" + expectedSeq + " next but found #" + r.seq() + ": records are missing";
        }
        if (!r.prevHash().equals(prevHash)) {
            return "its previous-record hash does not match record #" + (r.seq() - 1);
        }
        if (r.requestJson() != null && !Sha256.hex(r.requestJson()).equals(r.requestSha256())) {
            return "the stored request does not match its hash";
        }
        if (r.responseJson() != null && !Sha256.hex(r.responseJson()).equals(r.responseSha256())) {
            return "the stored response does not match its hash";
        }
        if (!r.computeHash().equals(r.recordHash())) {
            return "the record's content does not match its hash";
        }
        return null;
    }
}
