package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every endpoint: 401 problem without a (known) key, 403 problem with a key lacking the role, through with the role. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
class AccessControlTests {

    /** An endpoint, the key that may call it and a key that may not. */
    record Endpoint(String method, String path, String allowed, String wrongRole) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/decisions", Fixtures.KEY_CALLER, Fixtures.KEY_REVIEWER),
            new Endpoint("POST", "/v1/decisions/batch", Fixtures.KEY_CALLER, Fixtures.KEY_POLICY_ADMIN),
            new Endpoint("GET", "/v1/decisions/some-id", Fixtures.KEY_REVIEWER, Fixtures.KEY_CALLER),
            new Endpoint("GET", "/v1/decisions?caseRef=AC-1", Fixtures.KEY_REVIEWER, Fixtures.KEY_CALLER),
            new Endpoint("POST", "/v1/decisions/some-id/replay", Fixtures.KEY_REVIEWER, Fixtures.KEY_CALLER),
            new Endpoint("GET", "/v1/decisions/verify", Fixtures.KEY_REVIEWER, Fixtures.KEY_POLICY_ADMIN),
            new Endpoint("GET", "/v1/rulesets", Fixtures.KEY_REVIEWER, Fixtures.KEY_CALLER),
            new Endpoint("GET", "/v1/rulesets/cleveland/2017-10/rules", Fixtures.KEY_REVIEWER, Fixtures.KEY_CALLER),
            new Endpoint("POST", "/v1/rulesets/reload", Fixtures.KEY_POLICY_ADMIN, Fixtures.KEY_REVIEWER),
            new Endpoint("POST", "/v1/rulesets/reload", Fixtures.KEY_POLICY_ADMIN, Fixtures.KEY_CALLER));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyEndpointIs401WithoutAKnownKey() throws Exception {
        for (Endpoint e : ENDPOINTS) {
            for (String key : new String[] {null, "not-a-configured-key"}) {
                HttpResponse<String> response = send(e, key);
                assertThat(response.statusCode()).as(e + " with " + key).isEqualTo(401);
                assertProblem(response, "unauthenticated");
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
        }
        assertThat(send(new Endpoint("GET", "/actuator/info", null, null), null).statusCode()).isEqualTo(401);
    }

    @Test
    void everyEndpointIs403WithTheWrongRole() throws Exception {
        for (Endpoint e : ENDPOINTS) {
            HttpResponse<String> response = send(e, e.wrongRole());
            assertThat(response.statusCode()).as(e.toString()).isEqualTo(403);
            assertProblem(response, "forbidden");
        }
    }

    @Test
    void everyEndpointLetsTheRightRoleThrough() throws Exception {
        for (Endpoint e : ENDPOINTS) {
            assertThat(send(e, e.allowed()).statusCode()).as(e.toString()).isNotIn(401, 403);
        }
    }

    @Test
    void healthAndTheApiDescriptionAreOpen() throws Exception {
        assertThat(send(new Endpoint("GET", "/actuator/health", null, null), null).statusCode()).isEqualTo(200);
        assertThat(send(new Endpoint("GET", "/actuator/health/readiness", null, null), null).statusCode()).isEqualTo(200);
        assertThat(send(new Endpoint("GET", "/v3/api-docs", null, null), null).statusCode()).isEqualTo(200);
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(response.statusCode());
    }

    private HttpResponse<String> send(Endpoint e, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + e.path()))
                .header("Content-Type", "application/json")
                .method(e.method(), e.method().equals("POST") ? HttpRequest.BodyPublishers.ofString("[]") : HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
