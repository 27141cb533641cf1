package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision log over HTTP, run against each database it supports (subclasses choose the database):
 * what is logged, review, replay (also from the archive after the rules on disk are gone) and the hash chain.
 */
abstract class DecisionLogContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CASE = """
            {"caseRef":"%s","area":"cleveland","asOf":"2026-03-15",
             "victim":{"age":34,"relationship":"EX_PARTNER","childrenInHousehold":1},
             "perpetrator":{"age":36},
             "policeIncidents":[{"date":"2025-03-15"},{"date":"2026-01-10"},{"date":"2026-03-02"}],
             "previousMaracReferral":{"date":"2025-11-01","area":"cleveland"},
             "currentIncident":{"date":"2026-03-02","types":["OTHER"]},
             "consent":{"victimAware":true,"consentGiven":false,"significantConcern":false},
             "offender":{"mappaLevel":2,"managingAgency":"PROBATION"}}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RulesetRegistry registry;

    @Autowired
    GroupCommit groupCommit;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyDecisionIsLoggedWithItsRequestResponseAndRuleset() throws Exception {
        JsonNode decision = decide("LOG-1");
        String id = decision.path("decisionId").asString();

        HttpResponse<String> response = get("/v1/decisions/" + id);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode logged = JSON.readTree(response.body());
        assertThat(logged.path("caseRef").asString()).isEqualTo("LOG-1");
        // What was logged is the response as sent without its receipt (the receipt is made after the logged bytes are hashed).
        JsonNode receipt = ((tools.jackson.databind.node.ObjectNode) decision).remove("receipt");
        assertThat(logged.path("response")).isEqualTo(decision);
        assertThat(receipt.path("recordHash").asString()).isEqualTo(logged.path("chain").path("recordHash").asString());
        assertThat(receipt.path("responseSha256").asString()).isEqualTo(logged.path("chain").path("responseSha256").asString());
        assertThat(receipt.path("checkpoint").path("signature").asString()).isNotBlank();
        assertThat(logged.path("request").path("asOf").asString()).isEqualTo("2026-03-15");
        assertThat(logged.path("request").path("victim").path("age").asInt()).isEqualTo(34);
        assertThat(logged.path("ruleset")).isEqualTo(decision.path("ruleset"));
        assertThat(logged.path("durationMicros").asLong()).isPositive();
        assertThat(logged.path("chain").path("recordHash").asString()).matches("[0-9a-f]{64}");
        assertThat(logged.path("chain").path("prevHash").asString()).matches("[0-9a-f]{64}");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ruleset_archive WHERE sha256 = ?", Integer.class,
                decision.path("ruleset").path("sha256").asString())).isEqualTo(1);
    }

    @Test
    void aCasesHistoryIsNewestFirst() throws Exception {
        String first = decide("LOG-HISTORY").path("decisionId").asString();
        String second = decide("LOG-HISTORY").path("decisionId").asString();
        JsonNode history = JSON.readTree(get("/v1/decisions?caseRef=LOG-HISTORY").body());
        assertThat(history.valueStream().map(h -> h.path("decisionId").asString())).containsExactly(second, first);
        assertThat(history.get(0).path("chain").path("prevHash").asString())
                .isEqualTo(history.get(1).path("chain").path("recordHash").asString());
    }

    @Test
    void replayWithTheSameRulesetIsIdentical() throws Exception {
        String id = decide("LOG-REPLAY").path("decisionId").asString();
        HttpResponse<String> response = post("/v1/decisions/" + id + "/replay");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.path("identical").asBoolean()).as(response.body()).isTrue();
        assertThat(report.path("differences").size()).isZero();
        assertThat(report.path("replayedWith")).isEqualTo(report.path("original"));
    }

    @Test
    void replayWithAnotherVersionShowsWhatWouldBeDecidedNow() throws Exception {
        String id = decide("LOG-NOW").path("decisionId").asString();
        JsonNode report = JSON.readTree(post("/v1/decisions/" + id + "/replay?rulesetVersion=2026-04").body());
        assertThat(report.path("replayedWith").path("version").asString()).isEqualTo("2026-04");
        assertThat(report.path("identical").asBoolean()).isFalse();
        assertThat(report.path("differences").findValuesAsString("field")).contains("firedRules")
                .allSatisfy(field -> assertThat(field).doesNotStartWith("decisionId").doesNotStartWith("decidedAt"));
        assertThat(post("/v1/decisions/" + id + "/replay?rulesetVersion=1999-01").statusCode()).isEqualTo(404);
    }

    @Test
    void replayUsesTheArchiveWhenTheRulesOnDiskAreGone(@TempDir Path temp) throws Exception {
        String id = decide("LOG-ARCHIVE").path("decisionId").asString();
        RulesetCatalog before = registry.current();
        // Only Lincolnshire left on disk: Cleveland 2017-10 can come back only from the archive.
        Path rules = temp.resolve("rules");
        Fixtures.copy(Fixtures.RULES.resolve("lincolnshire"), rules.resolve("lincolnshire"));
        Fixtures.copy(Fixtures.RULES.resolve("common"), rules.resolve("common"));
        // Lincolnshire's MARAC calendar counts working days, so the bank holidays come too.
        java.nio.file.Files.copy(Fixtures.RULES.resolve("bank-holidays.yaml"), rules.resolve("bank-holidays.yaml"));
        registry.swap(RulesetLoader.load(rules));
        try {
            JsonNode report = JSON.readTree(post("/v1/decisions/" + id + "/replay").body());
            assertThat(report.path("identical").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("replayedWith").path("version").asString()).isEqualTo("2017-10");
        } finally {
            registry.swap(before);
        }
    }

    @Test
    void anUnknownDecisionIs404Problem() throws Exception {
        String unknown = "01900000-0000-7000-8000-000000000000";
        for (HttpResponse<String> malformed : List.of(get("/v1/decisions/no-such-id"), post("/v1/decisions/no-such-id/replay"))) {
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(malformed.body()).path("errors").findValuesAsString("field")).containsExactly("id");
        }
        for (HttpResponse<String> response : List.of(get("/v1/decisions/" + unknown), post("/v1/decisions/" + unknown + "/replay"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("unknown_decision");
        }
    }

    @Test
    void theChainVerifiesAndAnEditedRowIsNamed() throws Exception {
        decide("LOG-CHAIN-1");
        String id = decide("LOG-CHAIN-2").path("decisionId").asString();
        decide("LOG-CHAIN-3");
        JsonNode ok = JSON.readTree(get("/v1/decisions/verify").body());
        assertThat(ok.path("verified").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("records").asLong()).isGreaterThanOrEqualTo(3);

        long seq = jdbc.queryForObject("SELECT seq FROM decision_log WHERE decision_id = ?", Long.class, id);
        byte[] original = jdbc.queryForObject("SELECT sealed_body FROM decision_log WHERE seq = ?", byte[].class, seq);
        byte[] edited = original.clone();
        edited[edited.length / 2] ^= 1;
        try {
            jdbc.update("UPDATE decision_log SET sealed_body = ? WHERE seq = ?", edited, seq);
            JsonNode failed = JSON.readTree(get("/v1/decisions/verify").body());
            assertThat(failed.path("verified").asBoolean()).isFalse();
            assertThat(failed.path("firstFailure").path("seq").asLong()).isEqualTo(seq);
            assertThat(failed.path("firstFailure").path("decisionId").asString()).isEqualTo(id);
            assertThat(failed.path("firstFailure").path("reason").asString()).contains("body");
            // Reading the altered record is a clear problem, never the altered body.
            HttpResponse<String> read = get("/v1/decisions/" + id);
            assertThat(read.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(read.body()).path("code").asString()).isEqualTo("decision_unreadable");
        } finally {
            jdbc.update("UPDATE decision_log SET sealed_body = ? WHERE seq = ?", original, seq);
        }
        try {
            jdbc.update("UPDATE decision_log SET case_ref = 'SOMEONE-ELSE' WHERE seq = ?", seq);
            JsonNode failed = JSON.readTree(get("/v1/decisions/verify").body());
            assertThat(failed.path("firstFailure").path("seq").asLong()).isEqualTo(seq);
            assertThat(failed.path("firstFailure").path("reason").asString()).contains("content");
        } finally {
            jdbc.update("UPDATE decision_log SET case_ref = 'LOG-CHAIN-2' WHERE seq = ?", seq);
        }
        assertThat(JSON.readTree(get("/v1/decisions/verify").body()).path("verified").asBoolean()).isTrue();
    }

    @Test
    void thePublicKeyIsOpenAndChecksAReceiptOffline() throws Exception {
        JsonNode decision = decide("LOG-RECEIPT");
        JsonNode receipt = decision.path("receipt");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decision-log/keys")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("no key needed").isEqualTo(200);
        JsonNode key = JSON.readTree(response.body()).path("keys").get(0);
        assertThat(key.path("kid").asString()).isEqualTo(receipt.path("checkpoint").path("keyId").asString());
        assertThat(key.path("crv").asString()).isEqualTo("Ed25519");
        assertThat(key.path("status").asString()).isEqualTo("active");
        assertThat(java.util.Base64.getUrlDecoder().decode(key.path("x").asString())).hasSize(32);

        // Offline, with the JDK alone: the published key verifies the receipt's checkpoint signature.
        String pem = key.path("pem").asString().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var publicKey = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        JsonNode c = receipt.path("checkpoint");
        String signed = String.join("\n", "referral-decisions decision-log checkpoint v1", c.path("keyId").asString(),
                c.path("logId").asString(), c.path("firstSeq").asString(), c.path("lastSeq").asString(), c.path("treeRoot").asString(), c.path("headHash").asString(),
                c.path("keyedFrom").asString(), c.path("signedAt").asString(), "");
        var signature = java.security.Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(signature.verify(java.util.Base64.getDecoder().decode(c.path("signature").asString()))).isTrue();

        // And the service verifies a receipt handed back to it.
        HttpResponse<String> checked = http.send(request("/v1/decisions/verify").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + decision + "]")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode verification = JSON.readTree(checked.body());
        assertThat(verification.path("verified").asBoolean()).as(checked.body()).isTrue();
        assertThat(verification.path("receipts").get(0).path("verified").asBoolean()).isTrue();
    }

    @Test
    void readsAreAuditedWithoutCaseData() throws Exception {
        String caseRef = "LOG-AUDITED-" + System.nanoTime();
        String id = decide(caseRef).path("decisionId").asString();
        assertThat(get("/v1/decisions/" + id).statusCode()).isEqualTo(200);
        assertThat(get("/v1/decisions?caseRef=" + caseRef).statusCode()).isEqualTo(200);
        assertThat(post("/v1/decisions/" + id + "/replay").statusCode()).isEqualTo(200);
        assertThat(get("/v1/decisions/verify").statusCode()).isEqualTo(200);

        HttpResponse<String> response = get("/v1/decision-log/reads?limit=10");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(caseRef).doesNotContain(Fixtures.KEY_ALL_ROLES);
        List<JsonNode> reads = JSON.readTree(response.body()).path("reads").valueStream().toList();
        assertThat(reads.subList(0, 4)).extracting(r -> r.path("action").asString()).containsExactly("VERIFY", "REPLAY", "HISTORY", "READ");
        assertThat(reads.get(1).path("decisionIds").get(0).asString()).isEqualTo(id);
        assertThat(reads.get(2).path("filter").asString()).isEqualTo("by caseRef");
        assertThat(reads.get(2).path("decisionIds").get(0).asString()).isEqualTo(id);
        assertThat(reads.get(3).path("decisionIds").get(0).asString()).isEqualTo(id);
        assertThat(reads).allSatisfy(r -> assertThat(r.path("actor").asString()).isNotBlank());

        HttpResponse<String> asCaller = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decision-log/reads"))
                .header("Authorization", "Bearer " + Fixtures.KEY_CALLER).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asCaller.statusCode()).isEqualTo(403);
        HttpResponse<String> asAdmin = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decision-log/reads"))
                .header("Authorization", "Bearer " + Fixtures.KEY_POLICY_ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(get("/v1/decision-log/reads?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void warmUpDecisionsAreNotLogged() {
        // The context warmed up on the golden cases (referrals.warmup.decisions > 0); they are about nobody.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_ref LIKE 'GOLD-%'", Integer.class)).isZero();
    }

    @Test
    void concurrentDecisionsAreEachLoggedOnceAndTheChainHolds() throws Exception {
        int threads = 8, each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> ids = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                ids.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(decide("LOG-BURST-" + thread + "-" + i).path("decisionId").asString());
                    }
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : ids) {
                all.addAll(f.get(2, TimeUnit.MINUTES));
            }
            assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
            for (String id : all) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE decision_id = ?", Integer.class, id)).as(id).isEqualTo(1);
            }
            JsonNode verified = JSON.readTree(get("/v1/decisions/verify").body());
            assertThat(verified.path("verified").asBoolean()).as(verified.toString()).isTrue();
            Long gaps = jdbc.queryForObject("SELECT MAX(seq) - MIN(seq) + 1 - COUNT(*) FROM decision_log", Long.class);
            assertThat(gaps).as("sequence numbers are consecutive").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchLargerThanOneChunkIsLoggedItemByItemInOrder() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            ndjson.append(i == 5 ? "{\"caseRef\":\"LOG-BATCH-BAD\"}" : CASE.formatted("LOG-BATCH-" + i).replace("\n", "")).append('\n');
        }
        HttpResponse<String> response = http.send(request("/v1/decisions/batch").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.size()).isEqualTo(300);
        long previousSeq = 0;
        for (int i = 0; i < 300; i++) {
            JsonNode r = results.get(i);
            assertThat(r.path("index").asInt()).isEqualTo(i);
            if (i == 5) {
                assertThat(r.path("status").asInt()).isEqualTo(400);
                continue;
            }
            assertThat(r.path("status").asInt()).isEqualTo(200);
            String decisionId = r.path("decision").path("decisionId").asString();
            String caseRef = jdbc.queryForObject("SELECT case_ref FROM decision_log WHERE decision_id = ?", String.class, decisionId);
            assertThat(caseRef).isEqualTo("LOG-BATCH-" + i);
            // Items are decided on several threads but logged in the order they were sent.
            long seq = jdbc.queryForObject("SELECT seq FROM decision_log WHERE decision_id = ?", Long.class, decisionId);
            assertThat(seq).isGreaterThan(previousSeq);
            previousSeq = seq;
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_ref = 'LOG-BATCH-BAD'", Integer.class)).isZero();
    }

    @Test
    void theBytesSentWithoutTheirReceiptAreTheBytesTheReceiptHashes() throws Exception {
        HttpResponse<String> sent = http.send(request("/v1/decisions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CASE.formatted("LOG-BYTES"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(200);
        // The receipt is the response's last field; the log stored the response without it, as fired-rule numbers.
        int receiptAt = sent.body().lastIndexOf(",\"receipt\":");
        assertThat(receiptAt).isPositive();
        String withoutReceipt = sent.body().substring(0, receiptAt) + "}";
        String receiptHash = JSON.readTree(sent.body()).path("receipt").path("responseSha256").asString();
        assertThat(Sha256.hex(withoutReceipt)).isEqualTo(receiptHash);
        String id = JSON.readTree(sent.body()).path("decisionId").asString();
        assertThat(JSON.readTree(get("/v1/decisions/" + id).body()).path("response")).isEqualTo(JSON.readTree(withoutReceipt));
    }

    @Test
    void aFailedCommitFailsEveryDecisionInItAndLaterDecisionsAreLogged() throws Exception {
        String taken = decide("LOG-FAIL-1").path("decisionId").asString();
        // A second record with the same decision id breaks the unique constraint: its commit must fail, loudly.
        DecisionLog.Entry duplicate = new DecisionLog.Entry(taken, java.time.Instant.now(), "LOG-FAIL-2",
                registry.current().select("cleveland", java.time.LocalDate.parse("2026-03-15"), null), 1, "{}", "{}");
        assertThat(groupCommit.submit(duplicate)).failsWithin(java.time.Duration.ofSeconds(30));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_ref = 'LOG-FAIL-2'", Integer.class)).isZero();

        String later = decide("LOG-FAIL-3").path("decisionId").asString();
        assertThat(get("/v1/decisions/" + later).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/v1/decisions/verify").body()).path("verified").asBoolean()).isTrue();
    }

    JsonNode decide(String caseRef) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/v1/decisions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CASE.formatted(caseRef))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES);
    }
}
