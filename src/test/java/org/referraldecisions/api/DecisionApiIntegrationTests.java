package org.referraldecisions.api;

import org.referraldecisions.service.DecisionRequestV1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP contract end to end, on a random port, checking real JSON bodies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=200", "referrals.batch.max-items=3"})
class DecisionApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = """
            {"caseRef":"IT-1","area":"cleveland","asOf":"2026-03-15",
             "victim":{"age":34,"relationship":"EX_PARTNER","childrenInHousehold":1},
             "perpetrator":{"age":36},
             "policeIncidents":[{"date":"2025-03-15"},{"date":"2026-01-10"},{"date":"2026-03-02"}],
             "consent":{"victimAware":true,"consentGiven":false,"significantConcern":false},
             "offender":{"mappaLevel":2,"managingAgency":"PROBATION"}}""";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void decidesACaseWithItsReasons() throws Exception {
        HttpResponse<String> response = post("/v1/decisions", CASE);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("decisionId").asString()).isNotBlank();
        assertThat(body.path("caseRef").asString()).isEqualTo("IT-1");
        assertThat(body.path("asOf").asString()).isEqualTo("2026-03-15");
        assertThat(body.path("ruleset").path("area").asString()).isEqualTo("cleveland");
        assertThat(body.path("ruleset").path("version").asString()).isEqualTo("2017-10");
        assertThat(body.path("ruleset").path("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(body.path("marac").path("refer").asBoolean()).isTrue();
        assertThat(body.path("marac").path("grounds").toString()).isEqualTo("[\"POTENTIAL_ESCALATION\"]");
        assertThat(body.path("marac").path("hearing").asString()).isEqualTo("STANDARD");
        assertThat(body.path("marac").path("lead").asString()).isEqualTo("MAPPA");
        assertThat(body.path("informationSharing").path("basis").asString()).isEqualTo("WITHOUT_CONSENT");
        assertThat(body.path("mappa").path("leads").asBoolean()).isTrue();
        assertThat(body.path("mappa").has("category")).isTrue();
        assertThat(body.path("actions").toString()).contains("INVITE_IDVA_TO_MAPP_MEETING", "RECORD_RATIONALE_AND_LEGAL_BASIS_FOR_SHARING");
        JsonNode definition = null;
        for (JsonNode fired : body.path("firedRules")) {
            assertThat(fired.path("citations").size()).isPositive();
            assertThat(fired.path("explanation").asString()).isNotBlank();
            if (fired.path("rule").asString().equals("Domestic abuse: both at or over the definition's age, partners or family members")) {
                definition = fired;
            }
        }
        assertThat(definition).isNotNull();
        assertThat(definition.path("ruleset").asString()).isEqualTo("cleveland@2017-10");
        assertThat(definition.path("citations").get(0).asString()).isEqualTo("Cleveland 6.1");
        assertThat(body.path("unmetCriteria").toString()).contains("0 of 27 DASH answers YES; 14 needed");
        assertThat(body.path("warnings").isArray()).isTrue();
    }

    @Test
    void badInputIsA400ProblemNamingEachField() throws Exception {
        String bad = CASE.replace("\"caseRef\":\"IT-1\",", "").replace("\"age\":34", "\"age\":\"34\"")
                .replace("\"asOf\":\"2026-03-15\",", "\"asOf\":\"2026-03-15\",\"victimName\":\"x\",");
        HttpResponse<String> response = post("/v1/decisions", bad);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asString()).isEqualTo("invalid_request");
        assertThat(body.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("caseRef", "victim.age", "victimName");
    }

    @Test
    void malformedJsonAndWrongMediaTypeAreNot500() throws Exception {
        assertThat(post("/v1/decisions", "{\"caseRef\":").statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = http.send(authorized(uri("/v1/decisions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(CASE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    @Test
    void unknownAreaOrVersionIs404() throws Exception {
        HttpResponse<String> area = post("/v1/decisions", CASE.replace("cleveland", "durham"));
        assertThat(area.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(area.body()).path("code").asString()).isEqualTo("unknown_ruleset");
        assertThat(post("/v1/decisions", CASE.replace("\"area\":\"cleveland\",", "\"area\":\"cleveland\",\"rulesetVersion\":\"1999-01\",")).statusCode())
                .isEqualTo(404);
        assertThat(get("/v1/rulesets/cleveland/1999-01/rules").statusCode()).isEqualTo(404);
    }

    @Test
    void listsRuleSetsAndTheirRules() throws Exception {
        JsonNode rulesets = JSON.readTree(get("/v1/rulesets").body());
        assertThat(rulesets.findValuesAsString("area")).contains("cleveland", "common");
        assertThat(rulesets.get(0).path("sha256").asString()).matches("[0-9a-f]{64}");
        JsonNode rules = JSON.readTree(get("/v1/rulesets/cleveland/2017-10/rules").body());
        assertThat(rules.path("rules").size()).isGreaterThan(20);
        for (JsonNode rule : rules.path("rules")) {
            assertThat(rule.path("citations").size()).as(rule.path("name").asString()).isPositive();
        }
    }

    @Test
    void batchDecidesEachItemOnItsOwnInOrder() throws Exception {
        String bad = CASE.replace("\"age\":34", "\"age\":\"34\"");
        HttpResponse<String> response = post("/v1/decisions/batch", "[" + CASE + "," + bad + "," + CASE.replace("cleveland", "durham") + "]");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(results.get(0).path("decision").path("marac").path("refer").asBoolean()).isTrue();
        assertThat(results.get(1).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).path("errors").findValuesAsString("field")).containsExactly("victim.age");
        assertThat(results.get(2).path("status").asInt()).isEqualTo(404);
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
    }

    @Test
    void batchAcceptsNdjsonAndRefusesItemsOverTheLimit() throws Exception {
        String ndjson = String.join("\n", CASE.replace("\n", ""), CASE.replace("\n", ""), CASE.replace("\n", ""), CASE.replace("\n", "")) + "\n";
        HttpResponse<String> response = http.send(authorized(uri("/v1/decisions/batch"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.size()).isEqualTo(4);
        assertThat(results.get(2).path("status").asInt()).isEqualTo(200);
        assertThat(results.get(3).path("status").asInt()).isEqualTo(413);
    }

    @Test
    void reloadOfTheUnchangedRulesSwapsThemIn() throws Exception {
        HttpResponse<String> response = post("/v1/rulesets/reload", "");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.path("swapped").asBoolean()).isTrue();
        assertThat(report.path("casesPassed").asInt()).isEqualTo(report.path("casesRun").asInt());

        // Audited: reviewers list who reloaded, when, and which rule sets (by hash) served before and after.
        JsonNode newest = JSON.readTree(get("/v1/rulesets/reloads?limit=1").body()).get(0);
        assertThat(newest.path("accepted").asBoolean()).isTrue();
        assertThat(newest.path("requestedBy").asString()).isNotBlank().doesNotContain(Fixtures.KEY_ALL_ROLES);
        assertThat(newest.path("rulesetsAfter").toString()).contains("cleveland@2026-04 ", "common@2016-01 ");
        assertThat(newest.path("rulesetsBefore").size()).isPositive();
        assertThat(newest.path("reason").asString()).contains("golden cases passed");
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/v1/decisions", "DecisionRequestV1");
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(authorized(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(authorized(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
