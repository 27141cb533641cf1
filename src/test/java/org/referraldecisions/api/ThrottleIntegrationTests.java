package org.referraldecisions.api;

import org.referraldecisions.access.ApiKeyIntrospector;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.referraldecisions.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failed authentications are counted and logged with the client's address and the presented key's id,
 * never the key; a client address that fails three times (here) is refused with 429 and Retry-After, even
 * with a good key, while other clients are served. Client addresses come from X-Forwarded-For, as behind
 * a trusted proxy ({@code server.forward-headers-strategy=native}).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=0",
        "referrals.security.throttle.failures=3", "referrals.security.throttle.period=1h", "server.forward-headers-strategy=native"})
class ThrottleIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WRONG_KEY = "guessed-key-that-must-never-be-logged";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void repeatedFailuresFromOneClientAreThrottledCountedAndLoggedWithoutTheKey(CapturedOutput output) throws Exception {
        String attacker = "203.0.113.10";
        double rejectedBefore = count("rejected");
        double missingBefore = count("missing");

        // No credentials at all: counted, not a guess, never throttled.
        for (int i = 0; i < 5; i++) {
            assertThat(get(attacker, null).statusCode()).isEqualTo(401);
        }
        assertThat(count("missing") - missingBefore).isEqualTo(5);
        assertThat(get(attacker, Fixtures.KEY_REVIEWER).statusCode()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertThat(get(attacker, WRONG_KEY).statusCode()).isEqualTo(401);
        }
        assertThat(count("rejected") - rejectedBefore).isEqualTo(3);

        HttpResponse<String> throttled = get(attacker, Fixtures.KEY_REVIEWER);
        assertThat(throttled.statusCode()).as("a good key does not help a throttled client").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(throttled.body());
        assertThat(problem.path("code").asString()).isEqualTo("throttled");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        ContractValidator.assertConforms(port, "GET", "/v1/rulesets", throttled);
        assertThat(get(attacker, WRONG_KEY).statusCode()).as("nor does another guess").isEqualTo(429);
        assertThat(meters.counter("referrals.authentication.throttled").count()).isGreaterThanOrEqualTo(2);

        assertThat(get("203.0.113.11", Fixtures.KEY_REVIEWER).statusCode()).as("another client").isEqualTo(200);
        assertThat(get(attacker, null, "/actuator/health").statusCode()).as("health stays open").isEqualTo(200);

        String keyId = "api-key:" + HexFormat.of().formatHex(ApiKeyIntrospector.sha256(WRONG_KEY)).substring(0, 12);
        assertThat(output.getOut()).contains("authentication failed: credentials not accepted; key=" + keyId + " client=" + attacker
                        + " GET /v1/rulesets", "client " + attacker + " throttled")
                .doesNotContain(WRONG_KEY);
    }

    private double count(String reason) {
        var counter = meters.find("referrals.authentication.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> get(String client, String key) throws Exception {
        return get(client, key, "/v1/rulesets");
    }

    private HttpResponse<String> get(String client, String key, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Forwarded-For", client);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
