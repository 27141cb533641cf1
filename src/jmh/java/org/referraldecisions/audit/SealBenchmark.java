package org.referraldecisions.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.referraldecisions.service.DecisionResponseV1;

/**
 * What tamper evidence costs a group commit of {@code groupSize} decisions, CPU only (the checkpoint row rides in
 * the group's own transaction; the checkpoint file's append and force are measured apart):
 * <ul>
 * <li>{@code unkeyedChain}: what the log did before: the unkeyed SHA-256 record hash of each record;</li>
 * <li>{@code sealedGroup}: what it does now: the keyed (HMAC) record hash of each record, the Merkle root, one Ed25519
 *     signature, and every record's receipt (inclusion proof);</li>
 * <li>{@code signEachRecord}: the alternative not taken: an Ed25519 signature per record;</li>
 * <li>{@code verifyCheckpoint}: checking one checkpoint's signature (verify, offline receipts);</li>
 * <li>{@code checkpointFileAppend}: one line appended to the checkpoint file and forced to disk (per group).</li>
 * </ul>
 * Divide by {@code groupSize} for the cost per decision. Run:
 * {@code mvn -B -Pbench test-compile exec:exec -Djmh.args="SealBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SealBenchmark {

    @Param({"1", "16", "256"})
    int groupSize;

    private SigningKey key;
    private List<DecisionRecord> group;
    private Checkpoint checkpoint;
    private Path directory;
    private CheckpointFile file;

    @Setup
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("seal-bench");
        key = SigningKey.generate(directory.resolve("key.pem"));
        file = new CheckpointFile(directory, "bench");
        group = new ArrayList<>();
        String prev = Sha256.ZERO;
        for (int i = 0; i < groupSize; i++) {
            String request = "{\"caseRef\":\"BENCH-" + i + "\",\"area\":\"cleveland\",\"asOf\":\"2026-03-15\"}";
            String response = "{\"decisionId\":\"" + i + "\",\"marac\":{\"refer\":true}}";
            DecisionRecord draft = new DecisionRecord(1000 + i, "01a2-" + i, Instant.parse("2026-03-15T10:00:00.123456Z"), "BENCH-" + i,
                    "cleveland", "2017-10", Sha256.hex("ruleset"), 812, request, response, Sha256.hex(request), Sha256.hex(response), null,
                    prev, null);
            DecisionRecord r = new DecisionRecord(draft.seq(), draft.decisionId(), draft.decidedAt(), draft.caseRef(), draft.rulesetArea(),
                    draft.rulesetVersion(), draft.rulesetSha256(), draft.durationMicros(), request, response, draft.requestSha256(),
                    draft.responseSha256(), null, prev, RecordKeying.keyedHash(draft, key));
            group.add(r);
            prev = r.recordHash();
        }
        checkpoint = Checkpoint.sign(key, "bench", group, 1, Instant.now());
    }

    @TearDown
    public void tearDown() throws Exception {
        file.close();
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(directory);
    }

    @Benchmark
    public int unkeyedChain() {
        int h = 0;
        for (DecisionRecord r : group) {
            h += r.computeHash().hashCode();
        }
        return h;
    }

    @Benchmark
    public List<DecisionResponseV1.Receipt> sealedGroup() {
        for (DecisionRecord r : group) {
            RecordKeying.keyedHash(r, key);
        }
        Checkpoint signed = Checkpoint.sign(key, "bench", group, 1, Instant.now());
        return Receipts.of(new DecisionLog.Appended(group, signed));
    }

    @Benchmark
    public int signEachRecord() {
        int h = 0;
        for (DecisionRecord r : group) {
            RecordKeying.keyedHash(r, key);
            h += key.sign(Checkpoint.leaf(r.seq(), r.decisionId(), r.requestSha256(), r.responseSha256(), r.recordHash()))[0];
        }
        return h;
    }

    @Benchmark
    public boolean verifyCheckpoint() {
        return checkpoint.signatureProblem(new KeyRing(key, List.of())) == null;
    }

    @Benchmark
    public void checkpointFileAppend() {
        file.append(checkpoint);
    }
}
