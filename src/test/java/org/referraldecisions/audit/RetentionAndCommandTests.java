package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.referraldecisions.cli.Cli;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Retention keeps the chain verifiable; the {@code verify} command reads the service's database. Its own
 * application context (and in-memory database), since a purge touches every record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=0", "referrals.retention.period=P7Y"})
class RetentionAndCommandTests {

    @LocalServerPort
    int port;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    KeyRing keys;

    @Autowired
    CheckpointFile checkpointFile;

    private final HttpClient http = HttpClient.newHttpClient();

    /** This class's own data keys: retention destroys keys, which must not touch other test classes' logs. */
    static final java.nio.file.Path KEYS = java.nio.file.Path.of("target", "test-keys", "retention-" + java.util.UUID.randomUUID());

    @org.springframework.test.context.DynamicPropertySource
    static void keys(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("referrals.decision-log.key-dir", KEYS::toString);
    }

    @Test
    @org.springframework.test.annotation.DirtiesContext(methodMode = org.springframework.test.annotation.DirtiesContext.MethodMode.AFTER_METHOD)
    void purgeRemovesOldBodiesKeepsTheRecordAndTheChainVerifies() throws Exception {
        String id = decide("RET-1");
        decide("RET-2");
        assertThat(new Retention(decisionLog, dataKeys, Clock.systemUTC(), Period.ofYears(7)).purge()).isZero();
        // A minute past the period: the bodies go from the table; this month's data key stays (the month is not over).
        java.time.Instant now = java.time.Instant.now();
        Clock justPast = Clock.offset(Clock.systemUTC(), Duration.between(now, now.atZone(java.time.ZoneOffset.UTC).plusYears(7).toInstant()).plusMinutes(1));
        assertThat(new Retention(decisionLog, dataKeys, justPast, Period.ofYears(7)).purge()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> purged = send("GET", "/v1/decisions/" + id, null);
        // A purged record's request and response are null: the contract says so (nullable).
        org.referraldecisions.api.ContractValidator.assertConforms(port, "GET", "/v1/decisions/" + id, purged);
        JsonNode record = DecisionLogContract.JSON.readTree(purged.body());
        assertThat(record.path("request").isNull()).isTrue();
        assertThat(record.path("response").isNull()).isTrue();
        assertThat(record.path("purgedAt").asString()).isNotBlank();
        assertThat(record.path("ruleset").path("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(record.path("chain").path("responseSha256").asString()).matches("[0-9a-f]{64}");
        // Eight years on the chain verifies; today the same empty bodies are bodies removed before their retention ended.
        Clock eightYearsOn = Clock.offset(Clock.systemUTC(), Duration.ofDays(8 * 366));
        ChainVerifier eightYearsLater = new ChainVerifier(decisionLog, checkpoints, keys, new Retention(decisionLog, dataKeys, eightYearsOn, Period.ofYears(7)),
                checkpointFile.path().toAbsolutePath().getParent());
        ChainVerifier.Verification later = eightYearsLater.verify();
        assertThat(later.verified()).as(later.toString()).isTrue();
        JsonNode today = DecisionLogContract.JSON.readTree(send("GET", "/v1/decisions/verify", null).body());
        assertThat(today.path("verified").asBoolean()).isFalse();
        assertThat(today.path("firstFailure").path("reason").asString()).contains("removed before its retention period ended");

        HttpResponse<String> replay = send("POST", "/v1/decisions/" + id + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(410);
        org.referraldecisions.api.ContractValidator.assertConforms(port, "POST", "/v1/decisions/" + id + "/replay", replay);
        assertThat(DecisionLogContract.JSON.readTree(replay.body()).path("code").asString()).isEqualTo("decision_purged");
    }

    @Test
    void theVerifyCommandReadsTheServicesDatabaseAndNamesTheFirstBadRecord() throws Exception {
        String id = decide("CMD-1");
        decide("CMD-2");
        String url;
        try (var connection = jdbc.getDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
        }
        String[] args = {"verify", "--spring.datasource.url=" + url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--referrals.decision-log.key-dir=" + KEYS};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(args)).as(out.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("The decision log verifies: all ").contains(" records are intact");

        long seq = jdbc.queryForObject("SELECT seq FROM decision_log WHERE decision_id = ?", Long.class, id);
        jdbc.update("UPDATE decision_log SET duration_micros = duration_micros + 1 WHERE seq = ?", seq);
        try {
            out.reset();
            assertThat(new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(args[0], args[1], args[2], "--format", "json")).isEqualTo(1);
            JsonNode verification = DecisionLogContract.JSON.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(verification.path("firstFailure").path("decisionId").asString()).isEqualTo(id);
        } finally {
            jdbc.update("UPDATE decision_log SET duration_micros = duration_micros - 1 WHERE seq = ?", seq);
        }
    }

    @Test
    void theVerifyCommandChecksReceiptFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        HttpResponse<String> decided = send("POST", "/v1/decisions", DecisionLogContract.CASE.formatted("CMD-RECEIPT"));
        assertThat(decided.statusCode()).isEqualTo(200);
        String url;
        try (var connection = jdbc.getDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
        }
        String database = "--spring.datasource.url=" + url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        java.nio.file.Path receipt = temp.resolve("response.json");
        java.nio.file.Files.writeString(receipt, decided.body());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        // This class's data keys (see KEYS), or the command could not open the sealed bodies.
        String keys = "--referrals.decision-log.key-dir=" + KEYS;
        assertThat(cli.run("verify", "--receipt", receipt.toString(), "--format", "json", database, keys)).as(out.toString()).isZero();
        JsonNode verification = DecisionLogContract.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(verification.path("receipts").get(0).path("verified").asBoolean()).isTrue();

        // A receipt whose record hash was changed is not the one signed.
        String recordHash = DecisionLogContract.JSON.readTree(decided.body()).path("receipt").path("recordHash").asString();
        java.nio.file.Files.writeString(receipt, decided.body().replace("\"recordHash\":\"" + recordHash, "\"recordHash\":\"" + "0".repeat(64)));
        out.reset();
        assertThat(cli.run("verify", "--receipt", receipt.toString(), database, keys)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("does NOT verify", "a receipt does not verify", "inclusion proof");
    }

    @Test
    void exportWritesTheLoggedRequestsAndDiffFromLogReplaysThemUnderBothVersions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws Exception {
        decide("EXP-1");
        decide("EXP-2");
        String url;
        try (var connection = jdbc.getDataSource().getConnection()) {
            url = connection.getMetaData().getURL();
        }
        String database = "--spring.datasource.url=" + url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        String keyDir = "--referrals.decision-log.key-dir=" + KEYS;
        java.nio.file.Path export = temp.resolve("last-year.ndjson");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(cli.run("export", "--area", "cleveland", "--from", today, "--to", today, "--out", export.toString(), database, keyDir))
                .as(err.toString()).isZero();
        String lines = java.nio.file.Files.readString(export);
        assertThat(lines).contains("\"caseRef\":\"EXP-1\"", "\"caseRef\":\"EXP-2\"", "\"request\":{", "\"ruleset\":{\"area\":\"cleveland\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("exported \\d+ decisions \\(decided from " + today + " to " + today + ", area cleveland");

        out.reset();
        assertThat(cli.run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04", "--from-log", export.toString(), "--since", today))
                .as(err.toString()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("EXP-1  (" + export + " line ", "marac.repeat: false -> true")
                .doesNotContain("GOLD-");

        out.reset();
        assertThat(cli.run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04", "--from-log", "database", database, keyDir))
                .as(err.toString()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("EXP-2  (decision ", "marac.repeat: false -> true");

        // The same over HTTP, for a reviewer: a paged listing and the NDJSON export.
        HttpResponse<String> page = send("GET", "/v1/decisions?area=cleveland&refer=true&from=" + today + "&to=" + today + "&size=1", null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode listing = DecisionLogContract.JSON.readTree(page.body());
        assertThat(listing.path("decisions")).hasSize(1);
        assertThat(listing.path("more").asBoolean()).isTrue();
        assertThat(listing.path("decisions").get(0).path("ruleset").path("area").asString()).isEqualTo("cleveland");
        HttpResponse<String> ndjson = send("GET", "/v1/decisions/export?area=cleveland&from=" + today, null);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(ndjson.body()).contains("\"caseRef\":\"EXP-1\"", "\"caseRef\":\"EXP-2\"");
        assertThat(send("GET", "/v1/decisions?from=2026-02-01&to=2026-01-01", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/v1/decisions?from=yesterday", null).statusCode()).isEqualTo(400);
    }

    private String decide(String caseRef) throws Exception {
        HttpResponse<String> response = send("POST", "/v1/decisions", DecisionLogContract.CASE.formatted(caseRef));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return DecisionLogContract.JSON.readTree(response.body()).path("decisionId").asString();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
