package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch is read whole before it is decided, so what is held in memory is bounded twice: a body over
 * {@code referrals.limits.batch-size} is refused with 413 before anything is decided, and no more than
 * {@code referrals.batch.concurrent} batches are held at once (here one, with no wait: the next is 503).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"referrals.warmup.decisions=0",
        "referrals.limits.batch-size=4KB", "referrals.batch.concurrent=1", "referrals.batch.wait=0s"})
class BatchAdmissionIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE = """
            {"caseRef":"REF","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},
             "consent":{"victimAware":true,"consentGiven":true,"significantConcern":false}}""".replace("\n", "");

    @LocalServerPort
    int port;

    @Autowired
    BatchController batches;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aBatchOverItsSizeIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] tooLarge = ("[" + CASE + "," + " ".repeat(4096) + CASE + "]").getBytes(StandardCharsets.UTF_8);
        for (HttpRequest.BodyPublisher body : new HttpRequest.BodyPublisher[] {HttpRequest.BodyPublishers.ofByteArray(tooLarge),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))}) {
            HttpResponse<String> response = http.send(batch().POST(body).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asString()).isEqualTo("request_too_large");
            assertThat(problem.path("limit").asString()).isEqualTo("referrals.limits.batch-size");
            assertThat(problem.path("maximum").asLong()).isEqualTo(4096);
        }
        assertThat(http.send(batch().POST(HttpRequest.BodyPublishers.ofString("[" + CASE + "]")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aBatchArrivingWhileTheMostAreHeldIs503WithRetryAfter() throws Exception {
        byte[] body = ("[" + CASE.replace("REF", "SLOW") + "]").getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("localhost", port)) {
            slow.setSoTimeout(60_000);
            OutputStream out = slow.getOutputStream();
            // Half a body: the service holds its one turn while it waits for the rest.
            out.write(("POST /v1/decisions/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Fixtures.KEY_CALLER
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();

            // Once the slow batch holds the one turn, the next batch is refused at once.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (batches.freeTurns() > 0 && System.nanoTime() < deadline) {
                Thread.yield();
            }
            HttpResponse<String> refused = http.send(batch().POST(HttpRequest.BodyPublishers.ofString("[" + CASE + "]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(refused.body()).path("code").asString()).isEqualTo("busy");
            ContractValidator.assertConforms(port, "POST", "/v1/decisions/batch", refused);

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = slow.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"caseRef\":\"SLOW\"");
        }
        assertThat(http.send(batch().POST(HttpRequest.BodyPublishers.ofString("[" + CASE + "]")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder batch() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decisions/batch"))
                .header("Authorization", "Bearer " + Fixtures.KEY_CALLER).header("Content-Type", "application/json");
    }
}
