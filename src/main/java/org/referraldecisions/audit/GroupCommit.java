package org.referraldecisions.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends decisions to the {@link DecisionLog} from one writer thread, committing everything that is
 * waiting in one transaction (a "group commit"). A decision's future completes only after its commit,
 * and the deciding thread waits for it before answering, so no decision is ever returned unlogged; but
 * under load one durable commit serves many decisions instead of one each, and the chain head is no
 * longer a lock every request thread queues on.
 *
 * <p>A group is answered only once it is durable: on the embedded H2 file the commit is followed by one fsync
 * ({@link DecisionLog#forceToDisk()}); PostgreSQL flushes its WAL at COMMIT. The bodies are hashed, compressed
 * and encrypted by the deciding threads before they queue ({@link DecisionLog#prepare}), so the writer only inserts.
 *
 * <p>If a commit fails, every decision in it fails (none of them was stored) and the writer goes on.
 * The queue is bounded: when the database falls behind, deciding threads wait to enqueue.
 *
 * <p>Each group commit (insert, commit and fsync) is timed as {@code referrals.decision.log.commit} when a
 * Micrometer registry is present.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(DecisionLog.Prepared entry, CompletableFuture<Logged> stored) {
    }

    /** A decision as committed, with its receipt (the group's signed checkpoint and the record's inclusion proof). */
    record Logged(DecisionRecord record, org.referraldecisions.service.DecisionResponseV1.Receipt receipt) {
    }

    /** While idle, how often the H2 file is forced to disk anyway (its background writer's housekeeping writes). */
    private static final long IDLE_SYNC_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DecisionLog decisionLog;
    private final CheckpointFile checkpointFile;
    private final int maxPerCommit;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final Timer commitTimer;
    private volatile boolean closing;
    private long lastSync = System.nanoTime();
    /** How many the last commit held: one means no load, and then nobody waits for company. */
    private int lastGroupSize = 1;

    GroupCommit(DecisionLog decisionLog, int maxPerCommit) {
        this(decisionLog, maxPerCommit, Duration.ZERO, null, null);
    }

    /**
     * {@code checkpointFile}: where each commit's signed checkpoint is appended before its decisions are answered (null:
     * nowhere); {@code meters}: where commits are timed (null: nowhere).
     */
    GroupCommit(DecisionLog decisionLog, int maxPerCommit, Duration linger, CheckpointFile checkpointFile, MeterRegistry meters) {
        if (maxPerCommit < 1) {
            throw new IllegalArgumentException("referrals.decision-log.max-per-commit must be at least 1");
        }
        if (linger.isNegative() || linger.compareTo(Duration.ofMillis(5)) > 0) {
            throw new IllegalArgumentException("referrals.decision-log.linger must be between 0 and 5ms");
        }
        this.lingerNanos = linger.toNanos();
        this.decisionLog = decisionLog;
        this.checkpointFile = checkpointFile;
        this.maxPerCommit = maxPerCommit;
        this.queue = new ArrayBlockingQueue<>(maxPerCommit * 4);
        this.commitTimer = meters == null ? null : Timer.builder("referrals.decision.log.commit")
                .description("One group commit of the decision log: insert, commit and (embedded file database) fsync")
                .publishPercentileHistogram().register(meters);
        this.writer = new Thread(this::run, "decision-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues the decision; the future completes with the stored record and its receipt once committed, or with the failure. */
    CompletableFuture<Logged> submit(DecisionLog.Entry entry) {
        if (closing) {
            throw new IllegalStateException("the decision log is shutting down");
        }
        Pending pending = new Pending(decisionLog.prepare(entry), new CompletableFuture<>());
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a decision for the log", e);
        }
        return pending.stored();
    }

    private void run() {
        List<Pending> group = new ArrayList<>(maxPerCommit);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    syncWhileIdle();
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxPerCommit - 1);
                linger(group);
                commit(group);
            } catch (InterruptedException e) {
                closing = true;
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Waits up to the linger time for more decisions to join the group. Each commit costs the same however many it
     * holds (a signature, an fsync, H2 writing its pages), so under load a slightly later, larger commit costs less CPU
     * a decision. Only after a commit of more than one: a decision made alone, when the service is not busy, is
     * committed at once.
     */
    private void linger(List<Pending> group) {
        if (lingerNanos == 0 || lastGroupSize <= 1) {
            lastGroupSize = group.size();
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        while (group.size() < maxPerCommit) {
            long left = deadline - System.nanoTime();
            Pending more;
            try {
                more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                // The group taken so far is still committed; the writer sees the interrupt at its next wait.
                Thread.currentThread().interrupt();
                more = null;
            }
            if (more == null) {
                break;
            }
            group.add(more);
            queue.drainTo(group, maxPerCommit - group.size());
        }
        lastGroupSize = group.size();
    }

    private void commit(List<Pending> group) {
        DecisionLog.Appended stored;
        List<org.referraldecisions.service.DecisionResponseV1.Receipt> receipts;
        long start = System.nanoTime();
        try {
            stored = decisionLog.appendPrepared(group.stream().map(Pending::entry).toList());
            decisionLog.forceToDisk();
            lastSync = System.nanoTime();
            if (commitTimer != null) {
                commitTimer.record(lastSync - start, TimeUnit.NANOSECONDS);
            }
            receipts = Receipts.of(stored);
            // Outside the database, before anyone is answered: a writer who later truncates the log is caught by it.
            if (checkpointFile != null) {
                checkpointFile.append(stored.checkpoint());
            }
        } catch (RuntimeException e) {
            // Also when the commit succeeded but forcing it to disk (or writing its checkpoint line) failed: not durable is not acknowledged.
            log.error("decision log commit of {} decisions (or its checkpoint line) failed; each caller gets an error", group.size(), e);
            group.forEach(p -> p.stored().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).stored().complete(new Logged(stored.records().get(i), receipts.get(i)));
        }
    }

    /**
     * H2's background writer also writes (compaction, housekeeping) between our commits, without an fsync; forcing
     * the file once a second while idle bounds how long such a write stays only in the OS cache, which is what lets
     * the H2 URL's short RETENTION_TIME reuse freed space safely (README "Durability"). An fsync of a file with
     * nothing new to write costs next to nothing.
     */
    private void syncWhileIdle() {
        if (System.nanoTime() - lastSync < IDLE_SYNC_NANOS) {
            return;
        }
        lastSync = System.nanoTime();
        try {
            decisionLog.forceToDisk();
        } catch (RuntimeException e) {
            log.warn("decision log: forcing the database file to disk while idle failed", e);
        }
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        writer.join(TimeUnit.SECONDS.toMillis(30));
        // Anything queued after the writer stopped was never stored: its caller gets an error, not silence.
        for (Pending p; (p = queue.poll()) != null; ) {
            p.stored().completeExceptionally(new IllegalStateException("the decision log shut down before this decision was stored"));
        }
    }
}
