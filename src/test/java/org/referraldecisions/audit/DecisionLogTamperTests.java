package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.service.DecisionResponseV1;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14's "done when": a database writer tampers with the log by direct SQL in each of six ways (an edited body,
 * an edited column, an edit re-chained with recomputed unkeyed hashes, a deleted middle row, a truncated tail, a body
 * nulled before its retention ended) and verification names the first bad record or the missing tail every time;
 * verification with a wrong key fails; receipts verify, and a receipt of a removed or changed record does not.
 * Each test restores the tables it tampered with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
class DecisionLogTamperTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    ChainVerifier verifier;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    KeyRing keys;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    CheckpointFile checkpointFile;

    @Autowired
    Retention retention;

    private final HttpClient http = HttpClient.newHttpClient();
    private List<Map<String, Object>> logRows;
    private List<Map<String, Object>> checkpointRows;
    private Map<String, Object> headRow;
    private final List<JsonNode> responses = new ArrayList<>();

    /** Some decisions one by one (a checkpoint each) and a batch (a checkpoint over several), then a snapshot to restore. */
    @BeforeEach
    void decideAndSnapshot() throws Exception {
        for (int i = 0; i < 3; i++) {
            responses.add(decide("TAMPER-" + i));
        }
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            ndjson.append(DecisionLogContract.CASE.formatted("TAMPER-BATCH-" + i).replace("\n", "")).append('\n');
        }
        HttpResponse<String> batch = http.send(request("/v1/decisions/batch").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isEqualTo(200);
        DecisionLogContract.JSON.readTree(batch.body()).path("results").forEach(r -> responses.add(r.path("decision")));
        for (int i = 3; i < 5; i++) {
            responses.add(decide("TAMPER-" + i));
        }
        ChainVerifier.Verification clean = verifier.verify(receipts(responses));
        assertThat(clean.verified()).as(clean.toString()).isTrue();
        assertThat(clean.checkpointFiles()).hasSize(1);
        assertThat(clean.receipts()).hasSize(responses.size()).allMatch(ChainVerifier.ReceiptCheck::verified);
        logRows = jdbc.queryForList("SELECT * FROM decision_log ORDER BY seq");
        checkpointRows = jdbc.queryForList("SELECT * FROM decision_checkpoint ORDER BY first_seq");
        headRow = jdbc.queryForMap("SELECT * FROM decision_chain_head WHERE id = 1");
    }

    @AfterEach
    void restoreAndVerify() {
        jdbc.update("DELETE FROM decision_log");
        jdbc.update("DELETE FROM decision_checkpoint");
        logRows.forEach(row -> insert("decision_log", row));
        checkpointRows.forEach(row -> insert("decision_checkpoint", row));
        jdbc.update("UPDATE decision_chain_head SET seq = ?, record_hash = ? WHERE id = 1", headRow.get("seq"), headRow.get("record_hash"));
        assertThat(verifier.verify().verified()).as("restored").isTrue();
    }

    @Test
    void anEditedBodyIsNamed() throws Exception {
        long seq = seqOf(responses.get(1));
        // Bodies are stored sealed (AES-GCM): one changed byte fails the authentication tag.
        byte[] sealed = jdbc.queryForObject("SELECT sealed_body FROM decision_log WHERE seq = ?", byte[].class, seq);
        sealed[sealed.length - 1] ^= 1;
        jdbc.update("UPDATE decision_log SET sealed_body = ? WHERE seq = ?", sealed, seq);
        assertFirstFailure(verifier.verify(), seq, "fails its authentication tag");
        restoreAndVerify();
        // A writer without the data key can only put an edited body in the plaintext columns older records use.
        DecisionRecord r = logRecord(seq);
        jdbc.update("UPDATE decision_log SET sealed_body = NULL, request_json = ?, response_json = ? WHERE seq = ?",
                r.requestJson(), r.responseJson().replace("\"refer\":true", "\"refer\":false"), seq);
        assertFirstFailure(verifier.verify(), seq, "the stored response does not match its hash");
        // The same through the HTTP door.
        JsonNode overHttp = DecisionLogContract.JSON.readTree(get("/v1/decisions/verify").body());
        assertThat(overHttp.path("verified").asBoolean()).isFalse();
        assertThat(overHttp.path("firstFailure").path("seq").asLong()).isEqualTo(seq);
    }

    @Test
    void anEditedColumnIsNamed() {
        long seq = seqOf(responses.get(4));
        jdbc.update("UPDATE decision_log SET case_ref = 'SOMEONE-ELSE' WHERE seq = ?", seq);
        assertFirstFailure(verifier.verify(), seq, "does not match its keyed hash");
    }

    @Test
    void anEditReChainedWithRecomputedUnkeyedHashesIsNamed() {
        long seq = seqOf(responses.get(2));
        // What a database writer could do before: edit, recompute the body hash, the record hash and every later link.
        List<DecisionRecord> records = new ArrayList<>();
        decisionLog.forEachInOrder(records::add);
        String prev = null;
        for (DecisionRecord r : records) {
            if (r.seq() < seq) {
                prev = r.recordHash();
                continue;
            }
            String response = r.seq() == seq ? r.responseJson().replace("\"refer\":true", "\"refer\":false") : r.responseJson();
            DecisionRecord edited = new DecisionRecord(r.seq(), r.decisionId(), r.decidedAt(), r.caseRef(), r.rulesetArea(), r.rulesetVersion(),
                    r.rulesetSha256(), r.durationMicros(), r.requestJson(), response, r.requestSha256(), Sha256.hex(response), null, prev, null);
            String hash = edited.computeHash();
            // Without the data key the edited body can only go in the plaintext columns (as records before sealing had it).
            jdbc.update("UPDATE decision_log SET sealed_body = NULL, request_json = ?, response_json = ?, response_sha256 = ?, prev_hash = ?, "
                    + "record_hash = ? WHERE seq = ?", r.requestJson(), response, Sha256.hex(response), prev, hash, r.seq());
            prev = hash;
        }
        jdbc.update("UPDATE decision_chain_head SET record_hash = ? WHERE id = 1", prev);
        assertFirstFailure(verifier.verify(), seq, "does not match its keyed hash");
    }

    @Test
    void movingWhereSigningBeganToPassReChainedRecordsOffAsOldOnesIsCaught() {
        long keyedFrom = checkpoints.storedKeyedFrom();
        try {
            jdbc.update("UPDATE decision_log_keying SET keyed_from = 1000000 WHERE id = 1");
            ChainVerifier.Verification v = verifier.verify();
            assertFirstFailure(v, keyedFrom, "signing began at #1000000");
        } finally {
            jdbc.update("UPDATE decision_log_keying SET keyed_from = ? WHERE id = 1", keyedFrom);
        }
    }

    @Test
    void anEditReChainedUnderAnotherKeyIsNamed(@TempDir Path temp) {
        long seq = seqOf(responses.get(2));
        SigningKey attackers = SigningKey.generate(temp.resolve("attacker.pem"));
        List<DecisionRecord> records = new ArrayList<>();
        decisionLog.forEachInOrder(records::add);
        String prev = null;
        for (DecisionRecord r : records) {
            if (r.seq() < seq) {
                prev = r.recordHash();
                continue;
            }
            DecisionRecord edited = new DecisionRecord(r.seq(), r.decisionId(), r.decidedAt(), "EDITED", r.rulesetArea(), r.rulesetVersion(),
                    r.rulesetSha256(), r.durationMicros(), r.requestJson(), r.responseJson(), r.requestSha256(), r.responseSha256(), null, prev, null);
            String hash = RecordKeying.keyedHash(edited, attackers);
            jdbc.update("UPDATE decision_log SET case_ref = 'EDITED', prev_hash = ?, record_hash = ? WHERE seq = ?", prev, hash, r.seq());
            prev = hash;
        }
        jdbc.update("UPDATE decision_chain_head SET record_hash = ? WHERE id = 1", prev);
        assertFirstFailure(verifier.verify(), seq, "does not match its keyed hash");
    }

    @Test
    void aDeletedMiddleRowIsNamed() {
        long seq = seqOf(responses.get(5));
        jdbc.update("DELETE FROM decision_log WHERE seq = ?", seq);
        assertFirstFailure(verifier.verify(), seq, "record #" + seq + " is missing");
    }

    @Test
    void aTruncatedTailIsNamedFromTheCheckpointFile() {
        // Remove the last two decisions with their checkpoints and move the head back: the database alone is consistent.
        long keep = seqOf(responses.get(responses.size() - 3));
        long last = seqOf(responses.get(responses.size() - 1));
        assertThat(checkpoints.covering(keep).orElseThrow().lastSeq()).as("a group boundary").isEqualTo(keep);
        String keptHash = jdbc.queryForObject("SELECT record_hash FROM decision_log WHERE seq = ?", String.class, keep);
        jdbc.update("DELETE FROM decision_log WHERE seq > ?", keep);
        jdbc.update("DELETE FROM decision_checkpoint WHERE first_seq > ?", keep);
        jdbc.update("UPDATE decision_chain_head SET seq = ?, record_hash = ? WHERE id = 1", keep, keptHash);

        ChainVerifier.Verification v = verifier.verify(receipts(responses));
        assertFirstFailure(v, keep + 1, "missing tail: checkpoint file");
        assertThat(v.firstFailure().reason()).contains("up to #" + last);
        // The removed decisions' receipts say so too.
        assertThat(v.receipts().get(responses.size() - 1).verified()).isFalse();
        assertThat(v.receipts().get(responses.size() - 1).reason()).contains("missing tail");
        assertThat(v.receipts().get(0).verified()).isTrue();
    }

    @Test
    void anotherDatabasesCheckpointsInTheSameDirectoryAreSkippedNotMistakenForATruncation() throws Exception {
        // E.g. repeated runs of the service against fresh databases with one checkpoint directory.
        Checkpoint ours = checkpoints.covering(seqOf(responses.get(responses.size() - 1))).orElseThrow();
        Checkpoint othersFarAhead = Checkpoint.sign(keys.active(), "another-log", List.of(logRecord(ours.lastSeq())), 1, java.time.Instant.now());
        Path other = checkpointFile.path().resolveSibling("other-database.jsonl");
        String line = CheckpointFile.toJson(othersFarAhead).replace("\"firstSeq\":" + ours.lastSeq(), "\"firstSeq\":" + (ours.lastSeq() + 100))
                .replace("\"lastSeq\":" + ours.lastSeq(), "\"lastSeq\":" + (ours.lastSeq() + 100));
        java.nio.file.Files.writeString(other, line + "\n");
        try {
            ChainVerifier.Verification v = verifier.verify();
            assertThat(v.verified()).as(v.toString()).isTrue();
            assertThat(v.otherLogsCheckpoints()).isEqualTo(1);
            assertThat(v.checkpointFiles()).hasSize(2);
        } finally {
            java.nio.file.Files.delete(other);
        }
    }

    private DecisionRecord logRecord(long seq) {
        return decisionLog.find(jdbc.queryForObject("SELECT decision_id FROM decision_log WHERE seq = ?", String.class, seq)).orElseThrow();
    }

    @Test
    void aBodyNulledBeforeItsRetentionEndedIsNamed() {
        long seq = seqOf(responses.get(3));
        jdbc.update("UPDATE decision_log SET request_json = NULL, response_json = NULL, sealed_body = NULL, purged_at = ? WHERE seq = ?",
                OffsetDateTime.now(ZoneOffset.UTC), seq);
        assertFirstFailure(verifier.verify(), seq, "removed before its retention period ended");
        // After the retention period the same empty bodies are a purge, and verify.
        Clock later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(8 * 366));
        ChainVerifier eightYearsOn = new ChainVerifier(decisionLog, checkpoints, keys, new Retention(decisionLog, dataKeys, later, Period.ofYears(7)),
                checkpointFile.path().toAbsolutePath().getParent());
        assertThat(eightYearsOn.verify().verified()).isTrue();
    }

    @Test
    void verificationWithAWrongKeyFails(@TempDir Path temp) {
        KeyRing wrong = new KeyRing(SigningKey.generate(temp.resolve("wrong.pem")), List.of());
        ChainVerifier withWrongKey = new ChainVerifier(decisionLog, checkpoints, wrong, retention, checkpointFile.path().toAbsolutePath().getParent());
        ChainVerifier.Verification v = withWrongKey.verify(receipts(responses));
        assertThat(v.verified()).isFalse();
        assertThat(v.firstFailure().reason()).contains("not among the decision log's keys");
        assertThat(v.receipts()).noneMatch(ChainVerifier.ReceiptCheck::verified);

        // A checkpoint re-signed with another key under the right key's id: its signature does not verify.
        long seq = seqOf(responses.get(1));
        Checkpoint real = checkpoints.covering(seq).orElseThrow();
        SigningKey impostor = SigningKey.generate(temp.resolve("impostor.pem"));
        jdbc.update("UPDATE decision_checkpoint SET signature = ? WHERE first_seq = ?",
                java.util.Base64.getEncoder().encodeToString(impostor.sign(real.signedBytes())), real.firstSeq());
        assertFirstFailure(verifier.verify(), real.firstSeq(), "signature does not verify under key " + keys.active().keyId());
    }

    @Test
    void aReceiptWhoseFieldsWereChangedDoesNotVerifyOffline() {
        DecisionResponseV1.Receipt real = receipts(responses).get(4);
        assertThat(Receipts.offlineProblem(real, keys)).isNull();
        DecisionResponseV1.Receipt changed = new DecisionResponseV1.Receipt(real.decisionId(), real.seq(), real.requestSha256(),
                Sha256.hex("another response"), real.recordHash(), real.inclusionProof(), real.checkpoint());
        assertThat(Receipts.offlineProblem(changed, keys)).contains("inclusion proof");
    }

    private void assertFirstFailure(ChainVerifier.Verification v, long seq, String reason) {
        assertThat(v.verified()).as(v.toString()).isFalse();
        assertThat(v.firstFailure().seq()).as(v.firstFailure().toString()).isEqualTo(seq);
        assertThat(v.firstFailure().reason()).contains(reason);
    }

    private long seqOf(JsonNode response) {
        return jdbc.queryForObject("SELECT seq FROM decision_log WHERE decision_id = ?", Long.class, response.path("decisionId").asString());
    }

    private static List<DecisionResponseV1.Receipt> receipts(List<JsonNode> responses) {
        List<DecisionResponseV1.Receipt> receipts = new ArrayList<>();
        responses.forEach(r -> receipts.addAll(ReceiptReader.read(r)));
        return receipts;
    }

    private void insert(String table, Map<String, Object> row) {
        String columns = String.join(", ", row.keySet());
        String marks = row.keySet().stream().map(c -> "?").collect(Collectors.joining(", "));
        jdbc.update("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", row.values().toArray());
    }

    private JsonNode decide(String caseRef) throws Exception {
        HttpResponse<String> response = http.send(request("/v1/decisions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DecisionLogContract.CASE.formatted(caseRef))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return DecisionLogContract.JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES);
    }
}
