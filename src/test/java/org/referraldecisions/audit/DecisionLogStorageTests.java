package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.referraldecisions.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The decision log as stored on the embedded default (an H2 file, as the service runs): no request text in the
 * database file, owner-only files, and retention by key destruction. Its own database and keys, since the last
 * test destroys this month's data key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DecisionLogStorageTests {

    static final Path DIR = Path.of("target", "test-storage", UUID.randomUUID().toString()).toAbsolutePath();
    static final String MARKER = "Marker-" + UUID.randomUUID();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DIR.resolve("db/log")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=100;RETENTION_TIME=2000;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("referrals.decision-log.key-dir", () -> DIR.resolve("keys").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionLog decisionLog;

    @Autowired
    DataKeys keys;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void theDatabaseFileHoldsNoRequestTextAndIsOwnerOnly() throws Exception {
        String id = decide("STORE-1");
        JsonNode logged = DecisionLogContract.JSON.readTree(send("GET", "/v1/decisions/" + id).body());
        assertThat(logged.path("request").path("professionalJudgement").path("rationale").asString()).isEqualTo(MARKER);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE request_json IS NOT NULL OR response_json IS NOT NULL",
                Integer.class)).isZero();
        // The commit was forced to disk before the answer; the file is read as a copy of it would be.
        byte[] file = Files.readAllBytes(DIR.resolve("db/log.mv.db"));
        assertThat(indexOf(file, MARKER.getBytes(StandardCharsets.UTF_8))).as("marker in the database file").isEqualTo(-1);
        assertThat(indexOf(file, "STORE-1".getBytes(StandardCharsets.UTF_8))).as("the case reference is stored in clear").isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DIR.resolve("db")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DIR.resolve("db/log.mv.db")))).isEqualTo("rw-------");
        assertThat(decisionLog.forcesToDisk()).isTrue();
    }

    @Test
    @Order(2)
    void aShreddedMonthCannotBeReadEvenFromACopyButStillVerifies() throws Exception {
        String id = decide("STORE-2");
        byte[] sealed = jdbc.queryForObject("SELECT sealed_body FROM decision_log WHERE decision_id = ?", byte[].class, id);
        // Retention a month and a period on: this month is wholly past it, so its data key is destroyed.
        java.time.Instant now = java.time.Instant.now();
        Clock later = Clock.offset(Clock.systemUTC(), Duration.between(now, now.atZone(java.time.ZoneOffset.UTC).plusYears(7).plusMonths(1).plusDays(1).toInstant()));
        Retention retention = new Retention(decisionLog, keys, later, Period.ofYears(7));
        assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
        assertThat(Files.exists(DIR.resolve("keys").resolve(DataKeys.periodOf(now) + ".key"))).isFalse();

        // A backup or replica still has the sealed bytes: put them back, as if read from one.
        jdbc.update("UPDATE decision_log SET sealed_body = ?, purged_at = NULL WHERE decision_id = ?", sealed, id);
        JsonNode record = DecisionLogContract.JSON.readTree(send("GET", "/v1/decisions/" + id).body());
        assertThat(record.path("request").isNull()).as(record.toString()).isTrue();
        assertThat(record.path("response").isNull()).isTrue();
        assertThat(record.path("purgedAt").asString()).isNotBlank();
        assertThat(retention.bodiesMayBeAbsent(decisionLog.find(id).orElseThrow())).isTrue();

        HttpResponse<String> replay = send("POST", "/v1/decisions/" + id + "/replay");
        assertThat(replay.statusCode()).isEqualTo(410);
        JsonNode problem = DecisionLogContract.JSON.readTree(replay.body());
        assertThat(problem.path("code").asString()).isEqualTo("decision_purged");
        assertThat(problem.path("detail").asString()).contains("data key is destroyed");
        JsonNode verified = DecisionLogContract.JSON.readTree(send("GET", "/v1/decisions/verify").body());
        assertThat(verified.path("verified").asBoolean()).as(verified.toString()).isTrue();
    }

    private String decide(String caseRef) throws Exception {
        String body = DecisionLogContract.CASE.formatted(caseRef).replace("\"offender\"",
                "\"professionalJudgement\":{\"concerned\":true,\"grounds\":[\"ESCALATION\"],\"rationale\":\"" + MARKER + "\"},\"offender\"");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decisions"))
                .header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return DecisionLogContract.JSON.readTree(response.body()).path("decisionId").asString();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
