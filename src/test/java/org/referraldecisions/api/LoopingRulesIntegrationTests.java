package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules that loop, in a running service. Served from start-up (where no golden case gates them), a rule set
 * that loops for one kind of case answers that case with a 500 {@code rule_limit_exceeded} and every other
 * case as before. Submitted by reload, a looping rule set is refused naming the looping rule, whether it
 * is stopped by the firing limit or (a slow loop) by the time limit, while decisions keep being served.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"referrals.warmup.decisions=0", "referrals.engine.time-limit=3s"})
class LoopingRulesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEARING = "cleveland/2026-04/hearing.drl";

    /** Served from start-up: loops only for a victim aged 99, whom no golden case describes. */
    private static final String LOOP_AT_99 = """

            rule "Test loop for a victim aged 99"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 10
            when
                Victim( age == 99 )
                $w : Warning()
            then
                insert(new Warning($w.text() + "."));
            end

            rule "Test loop for a victim aged 99 begins"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 10
            when
                Victim( age == 99 )
            then
                insert(new Warning("loop"));
            end
            """;

    /** Submitted by reload: loops for every case, each firing concluding another warning. */
    private static final String LOOP_ALWAYS = """

            rule "Looping rule: a warning for every warning"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 5
            when
                $w : Warning()
            then
                insert(new Warning($w.text() + "!"));
            end

            rule "Looping rule: the first warning"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 5
            when
            then
                insert(new Warning("loop"));
            end
            """;

    /** Submitted by reload: loops slowly, a tenth of a second a firing, so the time limit stops it first. */
    private static final String SLOW_LOOP = """

            rule "Slow looping rule"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 5
            when
                $w : Warning()
            then
                try { Thread.sleep(100); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                insert(new Warning($w.text() + "~"));
            end

            rule "Slow looping rule begins"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 5
            when
            then
                insert(new Warning("slow"));
            end
            """;

    private static final String CASE = """
            {"caseRef":"LOOP-1","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":AGE,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},
             "professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"},
             "consent":{"victimAware":true,"consentGiven":true,"significantConcern":false}}""";

    private static final Path ROOT = copyOfTheRules();
    private static final String SERVED_HEARING = read(ROOT.resolve("rules").resolve(HEARING));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void rulesAndCases(DynamicPropertyRegistry registry) {
        registry.add("referrals.rules-dir", () -> ROOT.resolve("rules").toString());
        registry.add("referrals.cases-dir", () -> ROOT.resolve("test-cases").toString());
    }

    @AfterEach
    void serveTheStartUpRulesOnDiskAgain() throws IOException {
        Files.writeString(ROOT.resolve("rules").resolve(HEARING), SERVED_HEARING);
    }

    @Test
    void aDecisionThatLoopsIsA500ProblemLoggedWithTheRuleSetAndTheServiceGoesOn(CapturedOutput output) throws Exception {
        HttpResponse<String> looping = post("/v1/decisions", decision(99));
        assertThat(looping.statusCode()).isEqualTo(500);
        assertThat(looping.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(looping.body());
        assertThat(problem.path("code").asString()).isEqualTo("rule_limit_exceeded");
        assertThat(problem.path("type").asString()).isEqualTo("urn:referral-decisions:problem:rule_limit_exceeded");
        assertThat(problem.path("detail").asString()).contains("cleveland@2026-04");
        ContractValidator.assertConforms(port, "POST", "/v1/decisions", looping);
        assertThat(output.getOut()).contains("cleveland@2026-04", "Test loop for a victim aged 99").doesNotContain("LOOP-1");

        assertThat(post("/v1/decisions", decision(30)).statusCode()).isEqualTo(200);

        HttpResponse<String> batch = post("/v1/decisions/batch", "[" + decision(99) + "," + decision(30) + "]");
        ContractValidator.assertConforms(port, "POST", "/v1/decisions/batch", batch);
        JsonNode results = JSON.readTree(batch.body()).path("results");
        assertThat(results.get(0).path("status").asInt()).isEqualTo(500);
        assertThat(results.get(0).path("code").asString()).isEqualTo("rule_limit_exceeded");
        assertThat(results.get(0).path("errors").get(0).path("message").asString()).contains("cleveland@2026-04");
        assertThat(results.get(1).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aRuleSetThatLoopsIsRefusedByReloadNamingTheRuleBeforeTheTimeLimit() throws Exception {
        String served = servedSha();
        append(LOOP_ALWAYS);
        HttpResponse<String> reload = post("/v1/rulesets/reload", "");
        assertThat(reload.statusCode()).isEqualTo(422);
        ContractValidator.assertConforms(port, "POST", "/v1/rulesets/reload", reload);
        JsonNode problems = JSON.readTree(reload.body()).path("problems");
        // Stopped by the firing (or conclusion) count: the time limit, which would be named instead, was not reached.
        assertThat(problems.toString()).contains("cleveland@2026-04 Looping rule: a warning for every warning")
                .containsPattern("the limit of \\d+ (rule firings|facts concluded by rules)").doesNotContain("time limit");
        assertThat(servedSha()).isEqualTo(served);
    }

    @Test
    void aSlowLoopIsRefusedAtTheTimeLimitWhileDecisionsAreServed() throws Exception {
        String served = servedSha();
        append(SLOW_LOOP);
        CompletableFuture<HttpResponse<String>> reload = http.sendAsync(authorized("/v1/rulesets/reload")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        List<Integer> statuses = new ArrayList<>();
        while (!reload.isDone()) {
            statuses.add(post("/v1/decisions", decision(30)).statusCode());
        }
        assertThat(reload.get().statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(reload.get().body()).path("problems").toString())
                .contains("the time limit of 3000 ms", "cleveland@2026-04 Slow looping rule");
        assertThat(statuses).isNotEmpty().containsOnly(200);
        assertThat(servedSha()).isEqualTo(served);
    }

    private static Path copyOfTheRules() {
        try {
            Path root = Files.createTempDirectory("looping-rules");
            Fixtures.copy(Fixtures.RULES.resolve("common"), root.resolve("rules/common"));
            Fixtures.copy(Fixtures.RULES.resolve("cleveland"), root.resolve("rules/cleveland"));
            java.nio.file.Files.copy(Fixtures.RULES.resolve("bank-holidays.yaml"), root.resolve("rules/bank-holidays.yaml"));
            Fixtures.copy(Fixtures.CASES.resolve("cleveland"), root.resolve("test-cases/cleveland"));
            Path hearing = root.resolve("rules").resolve(HEARING);
            Files.writeString(hearing, Files.readString(hearing) + LOOP_AT_99);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(String rules) throws IOException {
        Files.writeString(ROOT.resolve("rules").resolve(HEARING), SERVED_HEARING + rules);
    }

    private static String decision(int age) {
        return CASE.replace("AGE", Integer.toString(age));
    }

    private String servedSha() throws Exception {
        HttpResponse<String> rulesets = http.send(authorized("/v1/rulesets").GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(rulesets.body()).toString();
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(authorized(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES);
    }
}
