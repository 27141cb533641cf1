package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.referraldecisions.Fixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract test (docs/CONTRACT.md): every golden-case request and every response these tests receive,
 * 200s and every error status, validated against the live {@code /v3/api-docs} with Atlassian's
 * swagger-request-validator. A field the code writes that the document does not name, a null where the
 * document does not allow one, a status or media type it does not list: each fails here. The last test
 * checks the count (at least 200 exchanges, every error status among them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractTests extends HardenedServiceTest {

    /** The statuses the contract test must have seen from the live service. */
    private static final List<Integer> ERROR_STATUSES = List.of(400, 401, 403, 404, 405, 406, 409, 413, 415);
    private static ContractValidator contract;
    private static String decided;

    @BeforeEach
    void document() throws Exception {
        if (contract == null) {
            contract = ContractValidator.live(port);
        }
    }

    @Test
    @Order(1)
    void everyGoldenCaseRequestAndItsResponseMatchTheDocument() throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.walk(Fixtures.CASES)) {
            cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        int ok = 0;
        for (Path file : cases) {
            JsonNode request = JSON.readTree(Files.readString(file)).path("request");
            String body = JSON.writeValueAsString(request);
            HttpResponse<String> response = exchange("POST", "/v1/decisions", "application/json", body, Fixtures.KEY_ALL_ROLES, true, file.toString());
            if (response.statusCode() == 200) {
                ok++;
                decided = JSON.readTree(response.body()).path("decisionId").asString();
            }
        }
        assertThat(cases).hasSizeGreaterThan(300);
        assertThat(ok).as("golden cases decided").isGreaterThan(300);
    }

    @Test
    @Order(2)
    void reviewAndRuleSetResponsesMatchTheDocument() throws Exception {
        String id = decide("CONTRACT-REVIEW-1");
        ok("GET", "/v1/decisions/" + id, null, null);
        ok("GET", "/v1/decisions?caseRef=CONTRACT-REVIEW-1", null, null);
        ok("GET", "/v1/decisions?from=2020-01-01&to=2099-12-31&area=cleveland&refer=true&page=0&size=5", null, null);
        ok("GET", "/v1/decisions?area=cleveland&version=2026-04&page=1&size=2", null, null);
        ok("GET", "/v1/decisions/export?area=cleveland", null, null);
        ok("POST", "/v1/decisions/" + id + "/replay", null, null);
        // Replayed under the other Cleveland version: the differences carry values of every JSON kind.
        ok("POST", "/v1/decisions/" + id + "/replay?rulesetVersion=2017-10", null, null);
        ok("GET", "/v1/decisions/verify", null, null);
        JsonNode rulesets = JSON.readTree(ok("GET", "/v1/rulesets", null, null).body());
        for (JsonNode r : rulesets) {
            ok("GET", "/v1/rulesets/" + r.path("area").asString() + "/" + r.path("version").asString() + "/rules", null, null);
        }
        ok("POST", "/v1/rulesets/reload", null, null);
        ok("GET", "/v1/rulesets/reloads?limit=10", null, null);
    }

    @Test
    @Order(3)
    void batchesAsJsonAndNdjsonMatchTheDocument() throws Exception {
        String one = aCase("CONTRACT-BATCH-1").replace("\n", " ");
        String two = aCase("CONTRACT-BATCH-2").replace("\n", " ");
        ok("POST", "/v1/decisions/batch", "application/json", "[" + one + "," + two + "]");
        ok("POST", "/v1/decisions/batch", "application/x-ndjson", one + "\n" + two + "\n");
        // A refused item and an unknown area among decided ones: the results carry status, code and errors.
        String bad = "{\"caseRef\":\"CONTRACT-BATCH-3\",\"area\":\"cleveland\",\"surprise\":1}";
        String nowhere = one.replace("\"cleveland\"", "\"nowhere\"");
        HttpResponse<String> mixed = exchange("POST", "/v1/decisions/batch", "application/json", "[" + one + "," + bad + "," + nowhere + "]",
                Fixtures.KEY_ALL_ROLES, false, "mixed batch");
        assertThat(mixed.statusCode()).isEqualTo(200);
        assertThat(mixed.body()).contains("\"status\":400", "\"status\":404");
        exchange("POST", "/v1/decisions/batch", "application/x-ndjson", one + "\n" + bad + "\n", Fixtures.KEY_ALL_ROLES, false, "mixed ndjson");
    }

    @Test
    @Order(4)
    void everyErrorResponseMatchesTheDocument() throws Exception {
        String all = Fixtures.KEY_ALL_ROLES;
        expect(400, "POST", "/v1/decisions", "application/json", "{\"caseRef\":\"C-1\",\"area\":\"cleveland\",\"surprise\":1}", all);
        expect(400, "POST", "/v1/decisions", "application/json", "{\"caseRef\":\"C 1\",\"area\":\"Cleveland\",\"victim\":{\"age\":200}}", all);
        expect(400, "POST", "/v1/decisions", "application/json", "{not json", all);
        expect(400, "GET", "/v1/decisions?from=not-a-date", null, null, all);
        expect(400, "GET", "/v1/decisions?page=-1", null, null, all);
        expect(400, "GET", "/v1/decisions/not-a-decision-id", null, null, all);
        expect(400, "POST", "/v1/decisions/not-a-decision-id/replay", null, null, all);
        expect(401, "POST", "/v1/decisions", "application/json", aCase("C-2"), null);
        expect(401, "GET", "/v1/rulesets", null, null, "not-a-configured-key");
        expect(403, "GET", "/v1/rulesets", null, null, Fixtures.KEY_CALLER);
        expect(403, "POST", "/v1/decisions", "application/json", aCase("C-3"), Fixtures.KEY_REVIEWER);
        expect(404, "POST", "/v1/decisions", "application/json", aCase("C-4").replace("\"cleveland\"", "\"nowhere\""), all);
        expect(404, "GET", "/v1/rulesets/cleveland/1999-01/rules", null, null, all);
        expect(404, "GET", "/v1/decisions/01900000-0000-7000-8000-000000000000", null, null, all);
        expect(404, "POST", "/v1/decisions/01900000-0000-7000-8000-000000000000/replay", null, null, all);
        expect(404, "GET", "/v1/nothing-here", null, null, all);
        expect(404, "GET", "/v1/decisions/" + decided + "/extra", null, null, all);
        expect(405, "DELETE", "/v1/decisions", null, null, all);
        expect(405, "PUT", "/v1/decisions/batch", "application/json", "[]", all);
        HttpResponse<String> notAcceptable = http.send(request("/v1/rulesets").header("Accept", "text/csv").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertValid(406, "GET", "/v1/rulesets", null, null, false, notAcceptable, "Accept: text/csv");
        expect(413, "POST", "/v1/decisions", "application/json", aCase("C-5").replace("}", "}" + " ".repeat(9000)), all);
        expect(415, "POST", "/v1/decisions", "text/plain", aCase("C-6"), all);
        expect(415, "POST", "/v1/decisions/batch", "text/csv", "a,b", all);
    }

    @Test
    @Order(9)
    void aReloadWhileAnotherRunsIs409AsDocumented() throws Exception {
        HttpRequest reload = request("/v1/rulesets/reload").POST(HttpRequest.BodyPublishers.noBody()).build();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> first = http.sendAsync(reload, HttpResponse.BodyHandlers.ofString());
        List<HttpResponse<String>> others = new ArrayList<>();
        while (!first.isDone() && others.stream().noneMatch(r -> r.statusCode() == 409)) {
            others.add(http.send(reload, HttpResponse.BodyHandlers.ofString()));
        }
        others.add(first.get());
        for (HttpResponse<String> r : others) {
            assertValid(r.statusCode(), "POST", "/v1/rulesets/reload", null, null, false, r, "concurrent reload");
        }
        assertThat(others).extracting(HttpResponse::statusCode).contains(409).containsOnly(200, 409);
    }

    @Test
    @Order(5)
    void theDocumentRefusesWhatTheServiceRefuses() {
        // An unknown field, a caseRef with a space, an age over 120: the server says 400, and so does the document.
        for (String body : new String[] {"{\"caseRef\":\"C-1\",\"area\":\"cleveland\",\"victim\":{\"age\":34,\"relationship\":\"OTHER\"},"
                + "\"perpetrator\":{\"age\":30},\"surprise\":1}", aCase("C 1"), aCase("C-1").replace("\"age\":34", "\"age\":121"),
                aCase("C-1").replace("\"asOf\":\"2026-03-15\"", "\"asOf\":null"),
                aCase("C-1").replace("\"consent\"", "\"dash\":{\"answers\":{\"not_a_dash_question\":\"YES\"}},\"consent\"")}) {
            SimpleRequest request = new SimpleRequest.Builder("POST", "/v1/decisions").withContentType("application/json")
                    .withHeader("Authorization", "Bearer x").withBody(body).build();
            ValidationReport report = contract.check("POST", "/v1/decisions", request, true, 400,
                    new SimpleResponse.Builder(400).withContentType("application/problem+json").withBody(problemBody()).build(), problemBody());
            assertThat(report.hasErrors()).as(body).isTrue();
        }
    }

    @Test
    @Order(6)
    void aFieldTheDocumentDoesNotNameFailsTheContract() throws Exception {
        HttpResponse<String> response = post("/v1/decisions", aCase("CONTRACT-EXTRA-1"));
        assertThat(response.statusCode()).isEqualTo(200);
        ObjectNode decision = (ObjectNode) JSON.readTree(response.body());
        assertThat(errorsOf(decision.toString())).isEmpty();

        ObjectNode extra = decision.deepCopy();
        extra.put("surprise", 1);
        assertThat(errorsOf(extra.toString())).contains("surprise");
        ObjectNode nested = decision.deepCopy();
        ((ObjectNode) nested.path("marac")).put("listing", "unplanned");
        assertThat(errorsOf(nested.toString())).contains("listing");
        ObjectNode missing = decision.deepCopy();
        missing.remove("warnings");
        assertThat(errorsOf(missing.toString())).contains("warnings");
        // Without the decision log (or unrecorded) a decision has no receipt: still the contract.
        assertThat(decision.path("receipt").isObject()).isTrue();
        ObjectNode unrecorded = decision.deepCopy();
        unrecorded.remove("receipt");
        assertThat(errorsOf(unrecorded.toString())).isEmpty();
        ObjectNode wrongType = decision.deepCopy();
        ((ObjectNode) wrongType.path("marac")).put("hearing", "SOMETIMES");
        assertThat(errorsOf(wrongType.toString())).contains("SOMETIMES");

        // The same response against a document where mappa.category is not nullable: the null it carries fails.
        assertThat(decision.path("mappa").path("category").isNull()).isTrue();
        ObjectNode document = (ObjectNode) JSON.readTree(contract.document());
        ((ObjectNode) document.path("components").path("schemas").path("Mappa").path("properties").path("category")).remove("nullable");
        ContractValidator stricter = ContractValidator.of(document.toString());
        String errors = ContractValidator.errors(stricter.check("POST", "/v1/decisions", decisionRequest(aCase("X")), false, 200,
                new SimpleResponse.Builder(200).withContentType("application/json").withBody(decision.toString()).build(), decision.toString()));
        assertThat(errors).contains("category");
    }

    @Test
    @Order(7)
    void theExamplesAreGoldenCasesThatDecide() throws Exception {
        assertThat(JSON.readTree(ContractDocument.read(ContractDocument.DECISION_EXAMPLE)))
                .isEqualTo(JSON.readTree(Files.readString(Path.of("test-cases/cleveland/2026-04/referred-high-risk-without-consent.json"))).path("request"));
        assertThat(JSON.readTree(ContractDocument.read(ContractDocument.SECOND_EXAMPLE))).isEqualTo(JSON.readTree(Files.readString(
                Path.of("test-cases/cleveland/2026-04/repeat-violence-on-last-day-of-12-month-window-referred.json"))).path("request"));
        JsonNode document = JSON.readTree(contract.document());
        JsonNode example = document.at("/paths/~1v1~1decisions/post/requestBody/content/application~1json/examples/referred-high-risk-without-consent/value");
        assertThat(example.path("area").asString()).isEqualTo("cleveland");
        HttpResponse<String> response = exchange("POST", "/v1/decisions", "application/json", example.toString(), Fixtures.KEY_CALLER, true, "example");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("marac").path("refer").asBoolean()).isTrue();
        JsonNode batch = document.at("/paths/~1v1~1decisions~1batch/post/requestBody/content/application~1json/examples/two-golden-cases/value");
        HttpResponse<String> batched = exchange("POST", "/v1/decisions/batch", "application/json", batch.toString(), Fixtures.KEY_CALLER, true, "batch example");
        assertThat(JSON.readTree(batched.body()).path("results").findValues("status")).extracting(JsonNode::asInt).containsExactly(200, 200);
        String ndjson = document.at("/paths/~1v1~1decisions~1batch/post/requestBody/content/application~1x-ndjson/examples/two-golden-cases/value").asString();
        HttpResponse<String> lines = exchange("POST", "/v1/decisions/batch", "application/x-ndjson", ndjson, Fixtures.KEY_CALLER, true, "ndjson example");
        assertThat(JSON.readTree(lines.body()).path("results").findValues("status")).extracting(JsonNode::asInt).containsExactly(200, 200);
    }

    @Test
    @Order(8)
    void theDocumentDescribesSecurityErrorsAndStrictRequests() throws Exception {
        JsonNode document = JSON.readTree(contract.document());
        assertThat(document.path("openapi").asString()).startsWith("3.0");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Referral Decision Service API");
        assertThat(document.path("info").path("version").asString()).isNotIn("", "v0", "0");
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("security").toString()).contains("bearer");
        List<String> tags = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode operation = op.getValue();
            assertThat(operation.path("summary").asString()).as(path.getKey()).isNotBlank();
            tags.add(operation.path("tags").get(0).asString());
            for (String status : new String[] {"400", "401", "403", "406", "500"}) {
                assertThat(operation.path("responses").has(status)).as(op.getKey() + " " + path.getKey() + " " + status).isTrue();
            }
            operation.path("responses").properties().forEach(r -> assertThat(r.getValue().toString()).doesNotContain("*/*"));
        }));
        assertThat(tags).containsOnly("decisions", "review", "rule sets");
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.path("DecisionRequestV1").path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schemas.path("Victim").path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode dash = schemas.path("DecisionRequestV1").path("properties").path("dash");
        assertThat(dash.path("nullable").asBoolean()).isTrue();
        assertThat(dash.path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode answers = dash.path("properties").path("answers");
        assertThat(answers.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(answers.path("properties").size()).isEqualTo(27);
        assertThat(answers.path("properties").has("threats_to_kill")).isTrue();
        assertThat(schemas.path("DecisionRequestV1").path("properties").path("caseRef").path("pattern").asString()).startsWith("^").endsWith("$");
        assertThat(schemas.path("Problem").path("properties").has("errors")).isTrue();
        assertThat(document.path("components").path("responses").path("BadRequest").path("content").has("application/problem+json")).isTrue();
        // The YAML form is open like the JSON.
        HttpResponse<String> yaml = http.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/v3/api-docs.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: 3.0");
    }

    @Test
    @Order(100)
    void atLeast200ExchangesIncludingEveryErrorStatusWereValidated() {
        System.out.println("contract: " + contract.responsesValidated() + " responses validated (" + contract.requestsValidated()
                + " with their requests); by status " + contract.responsesByStatus());
        assertThat(contract.responsesValidated()).isGreaterThanOrEqualTo(200);
        assertThat(contract.responsesByStatus().keySet()).contains(200).containsAll(ERROR_STATUSES);
    }

    // ---- helpers

    private String decide(String caseRef) throws Exception {
        HttpResponse<String> response = ok("POST", "/v1/decisions", "application/json", aCase(caseRef));
        return JSON.readTree(response.body()).path("decisionId").asString();
    }

    private HttpResponse<String> ok(String method, String path, String contentType, String body) throws Exception {
        HttpResponse<String> response = exchange(method, path, contentType, body, Fixtures.KEY_ALL_ROLES, true, "");
        assertThat(response.statusCode()).as(method + " " + path + ": " + abbreviated(response.body())).isEqualTo(200);
        return response;
    }

    private void expect(int status, String method, String path, String contentType, String body, String key) throws Exception {
        HttpResponse<String> response = send(method, path, contentType, body, key);
        assertValid(status, method, path, contentType, body, false, response, "");
        problem(status, JSON.readTree(response.body()).path("code").asString(), response);
    }

    private HttpResponse<String> exchange(String method, String path, String contentType, String body, String key, boolean checkRequest,
                                          String what) throws Exception {
        HttpResponse<String> response = send(method, path, contentType, body, key);
        assertValid(response.statusCode(), method, path, contentType, body, checkRequest && response.statusCode() == 200, response, what);
        return response;
    }

    private void assertValid(int status, String method, String path, String contentType, String body, boolean checkRequest,
                             HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + " " + method + " " + path + ": " + abbreviated(response.body())).isEqualTo(status);
        String errors = ContractValidator.errors(contract.check(method, path, contentType, body, checkRequest, response));
        assertThat(errors).as(what + " " + method + " " + path + " -> " + status + "\n" + abbreviated(response.body())).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String errorsOf(String decisionJson) {
        return ContractValidator.errors(contract.check("POST", "/v1/decisions", decisionRequest(aCase("X")), false, 200,
                new SimpleResponse.Builder(200).withContentType("application/json").withBody(decisionJson).build(), decisionJson));
    }

    private static SimpleRequest decisionRequest(String body) {
        return new SimpleRequest.Builder("POST", "/v1/decisions").withContentType("application/json").withHeader("Authorization", "Bearer x")
                .withBody(body).build();
    }

    private static String problemBody() {
        return "{\"type\":\"urn:referral-decisions:problem:invalid_request\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"1 field(s) are invalid; nothing was decided\",\"code\":\"invalid_request\","
                + "\"errors\":[{\"field\":\"x\",\"message\":\"y\"}]}";
    }

    private static String abbreviated(String body) {
        return body.length() > 800 ? body.substring(0, 800) + "…" : body;
    }
}
