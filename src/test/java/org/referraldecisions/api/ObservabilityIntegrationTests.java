package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees: after a few decisions, {@code /actuator/prometheus} (OPERATOR role) lists the decision
 * counters by area and outcome, the latency histogram, batch sizes, reloads and the rule sets loaded, with no
 * case data; {@code /actuator/info} names the build, the commit and every rule set with its hash; with
 * structured logging on, each decision is one JSON log line without its caseRef.
 */
// Its own context (no other test class has these properties): the logging format is the last started context's,
// so a context shared with a class that ran earlier could be logging plain text by the time this class runs.
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=0",
        "logging.structured.format.console=ecs"})
class ObservabilityIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusListsDecisionsByAreaAndOutcomeWithALatencyHistogramAndNoCaseData(CapturedOutput output) throws Exception {
        String cleveland = HardenedServiceTest.aCase("OBS-SECRET-REF-1");
        assertThat(send("POST", "/v1/decisions", cleveland, Fixtures.KEY_CALLER).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/v1/decisions", HardenedServiceTest.aCase("OBS-SECRET-REF-2"), Fixtures.KEY_CALLER).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/v1/decisions/batch", "[" + HardenedServiceTest.aCase("OBS-SECRET-REF-3") + "]", Fixtures.KEY_CALLER)
                .statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null, Fixtures.KEY_ALL_ROLES);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics).containsPattern("referrals_decisions_total\\{[^}]*area=\"cleveland\"[^}]*outcome=\"(not_)?referred\"[^}]*\\} 3\\.0");
        assertThat(metrics).containsPattern("referrals_decisions_total\\{[^}]*hearing=\"[A-Z_]+\"[^}]*refer=\"(true|false)\"[^}]*version=\"2017-10\"");
        assertThat(metrics).contains("referrals_decision_duration_seconds_bucket{area=\"cleveland\",version=\"2017-10\",le=\"0.005\"}");
        assertThat(metrics).containsPattern("referrals_decision_duration_seconds_count\\{area=\"cleveland\",version=\"2017-10\"\\} 3");
        assertThat(metrics).contains("referrals_batch_size_items_count 1");
        assertThat(metrics).containsPattern("referrals_rulesets_loaded\\{kind=\"area\",ruleset=\"cleveland@2026-04\",sha256=\"[0-9a-f]{12}\"\\} 1");
        assertThat(metrics).contains("ruleset=\"common@2016-01\"");
        assertThat(metrics).doesNotContain("OBS-SECRET-REF", "caseRef");

        // The per-decision line: id, rule set, duration and outcome; never the caseRef. As JSON when this class's
        // context set up logging (structured logging is JVM-wide: a context started before in the same JVM may
        // have set it up as plain text, and a cached context is not set up again).
        String decisionLine = output.getOut().lines().filter(l -> l.contains("referrals.decisions") && l.contains("cleveland@2017-10"))
                .findFirst().orElseThrow();
        if (decisionLine.startsWith("{")) {
            JsonNode line = JSON.readTree(decisionLine);
            assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
            assertThat(line.path("decisionId").asString()).matches("[0-9a-f-]{36}");
            assertThat(line.path("ruleset").asString()).isEqualTo("cleveland@2017-10");
            assertThat(line.path("durationMicros").isMissingNode()).isFalse();
            assertThat(line.path("outcome").asString()).isIn("referred", "not_referred");
        } else {
            assertThat(decisionLine).contains("INFO").containsPattern("decision [0-9a-f-]{36} by cleveland@2017-10 in \\d+ us: (not_)?referred");
        }
        assertThat(output.getAll()).doesNotContain("OBS-SECRET-REF");
    }

    @Test
    void metricsNeedTheOperatorRole() throws Exception {
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", null, Fixtures.KEY_REVIEWER).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/metrics", null, Fixtures.KEY_CALLER).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/metrics/referrals.decisions", null, Fixtures.KEY_ALL_ROLES).statusCode()).isIn(200, 404);
    }

    @Test
    void infoNamesTheBuildTheCommitAndEveryRuleSetWithItsHash() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/info", null, Fixtures.KEY_CALLER);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = JSON.readTree(response.body());
        assertThat(info.path("build").path("version").asString()).isNotBlank();
        assertThat(info.path("build").path("artifact").asString()).isEqualTo("referral-decisions");
        if (new java.io.File(".git").exists()) {
            assertThat(info.path("git").path("commit").path("id").asString()).as(response.body()).isNotBlank();
        }
        JsonNode rulesets = info.path("rulesets");
        assertThat(rulesets.findValuesAsString("ruleset")).contains("cleveland@2017-10", "cleveland@2026-04", "common@2016-01",
                "lancashire@2019-12", "lincolnshire@2011-06", "warwickshire@2016-01");
        for (JsonNode r : rulesets) {
            assertThat(r.path("sha256").asString()).matches("[0-9a-f]{64}");
            assertThat(r.path("rules").asInt()).isPositive();
        }
        assertThat(rulesets.findValuesAsString("effectiveFrom")).contains("2026-04-01");
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
