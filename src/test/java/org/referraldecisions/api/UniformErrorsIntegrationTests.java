package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import tools.jackson.databind.JsonNode;

/** Every error the service or its container produces is problem+json with type and code, and no internals. */
class UniformErrorsIntegrationTests extends HardenedServiceTest {

    private static final String KEY = "Authorization: Bearer " + Fixtures.KEY_ALL_ROLES;

    @Test
    void getErrorDirectlyIsA404ProblemNotA500() throws Exception {
        problem(404, "not_found", get("/error"));
        // the benchmark's ceiling endpoints exist only with the bench profile
        problem(404, "not_found", get("/v1/bench/hello"));
        problem(404, "not_found", raw("GET /error HTTP/1.1\r\nHost: localhost"));
    }

    @Test
    void pathTricksAreRefusedAsProblems() throws Exception {
        for (String path : new String[] {"/v1/../v1/rulesets", "/v1/%2e%2e/v1/rulesets", "/v1;x=y/rulesets", "//v1/rulesets",
                "/v1/rulesets%2Fcleveland", "/v1/rulesets/%00", "/v1/rulesets/a%5Cb", "/v1/rulesets/a|b", "/v1/rulesets/{x}"}) {
            Raw response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + KEY);
            JsonNode problem = problem(400, "bad_request", response);
            assertThat(problem.path("detail").asString()).as(path).isNotBlank();
        }
        problem(400, "bad_request", raw("GET /v1/rulesets HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000)));
        problem(400, "bad_request", raw("GET /v1/rulesets HTTP/1.1\r\nHost: localhost\r\nBad Header: x"));
    }

    @Test
    void springsOwnErrorsCarryTheCode() throws Exception {
        JsonNode unsupported = problem(415, "unsupported_media_type", http.send(request("/v1/decisions").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(aCase("ERR-1"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertThat(unsupported.path("detail").asString()).contains("text/plain");
        JsonNode unknownDecision = problem(404, "unknown_decision", get("/v1/decisions/01900000-0000-7000-8000-000000000000"));
        assertThat(unknownDecision.path("detail").asString()).contains("01900000-0000-7000-8000-000000000000");
        JsonNode malformedId = problem(400, "invalid_request", get("/v1/decisions/no-such-id"));
        assertThat(malformedId.path("errors").findValuesAsString("field")).containsExactly("id");
        // GET /v1/decisions lists the log with every parameter optional; a parameter of the wrong type names it.
        JsonNode wrongType = problem(400, "invalid_request", get("/v1/decisions?from=not-a-date"));
        assertThat(wrongType.path("errors").findValuesAsString("field")).containsExactly("from");
        problem(404, "not_found", get("/v1/rulesets/cleveland/2017-10/rules/extra"));
        problem(404, "unknown_ruleset", get("/v1/rulesets/cleveland/1999-01/rules"));
        problem(406, "not_acceptable", http.send(request("/v1/rulesets").header("Accept", "text/csv").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));
        problem(405, "method_not_allowed", http.send(request("/actuator/health").DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aCallerAskingForHtmlGetsAProblemNotAPage() throws Exception {
        problem(406, "not_acceptable", http.send(request("/v1/decisions").header("Content-Type", "application/json")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
        problem(404, "not_found", http.send(request("/nothing-here").header("Accept", "text/html").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void malformedRequestsNeverShowInternals() throws Exception {
        String[] bodies = {"{\"caseRef\":NaN}", "{\"caseRef\":/*x*/\"a\"}", "{\"caseRef\":\"a\",\"victim\":{\"age\":", "[" .repeat(200),
                "{\"victim\":{\"age\":" + "9".repeat(2000) + "}}", "{\"caseRef\":\"a\",\"caseRef\":\"b\"}", "{'caseRef':'a'}", "\"just a string\"",
                "{\"a\":\"\\ud800\"}", "null", "{\"x\":1} {\"y\":2}"};
        for (String body : bodies) {
            JsonNode problem = problem(400, "invalid_request", post("/v1/decisions", body));
            assertThat(problem.path("errors").size()).as(body).isPositive();
        }
    }
}
