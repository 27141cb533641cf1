package org.referraldecisions.audit;

import java.time.Clock;
import java.util.List;

/**
 * What the decision log adds, inside a group commit's transaction, to make the commit tamper-evident: each record's
 * keyed hash, and one signed checkpoint over the group (stored in the same transaction). One Ed25519 signature per
 * group, not per record: under load a group holds many decisions, so signing costs little per decision.
 */
final class LogSeal {

    private final KeyRing keys;
    private final Checkpoints checkpoints;
    private final Clock clock;

    LogSeal(KeyRing keys, Checkpoints checkpoints, Clock clock) {
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    String recordHash(DecisionRecord draft) {
        return RecordKeying.keyedHash(draft, keys.active());
    }

    /** Signs the group's checkpoint and stores it with the records (the caller's transaction). */
    Checkpoint checkpoint(List<DecisionRecord> group) {
        Checkpoint checkpoint = Checkpoint.sign(keys.active(), checkpoints.logId(), group, checkpoints.keyedFrom(), clock.instant());
        checkpoints.insert(checkpoint);
        return checkpoint;
    }
}
