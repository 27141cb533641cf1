package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's ceiling endpoints exist only with the bench profile, sit behind the same key check as
 * decisions, and answer a real decision's shape without deciding or logging anything. (That they are absent
 * without the profile is checked with the hardened service, in {@link UniformErrorsIntegrationTests}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "referrals.warmup.decisions=0")
@ActiveProfiles("bench")
class BenchCeilingTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCeilingAnswersACannedDecisionBehindTheSameKeyCheck() throws Exception {
        HttpResponse<String> hello = send(HttpRequest.newBuilder(uri("/v1/bench/hello"))
                .header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES).GET().build());
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello");

        HttpResponse<String> ceiling = send(HttpRequest.newBuilder(uri("/v1/bench/ceiling"))
                .header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"caseRef\":\"ignored\"}")).build());
        assertThat(ceiling.statusCode()).isEqualTo(200);
        JsonNode decision = JsonMapper.builder().build().readTree(ceiling.body());
        assertThat(decision.path("marac").path("refer").asBoolean()).isTrue();
        assertThat(decision.path("firedRules").size()).isPositive();
        assertThat(decision.has("receipt")).as("a rehearsal is never logged, so it has no receipt").isFalse();

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/v1/bench/hello")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
