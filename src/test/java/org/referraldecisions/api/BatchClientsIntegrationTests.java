package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches for ordinary clients, which send the whole request before reading any of the answer (Java's
 * HttpClient with a byte-array body, Python's http.client, a plain socket): 10,000 items, each with DASH
 * answers and police incidents (14 MB, more than the connection buffers hold), are all decided and answered.
 * Before, results streamed back during the upload filled the connection both ways and the two sides waited
 * on each other until the connection was reset, with decisions logged that no one received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"referrals.warmup.decisions=0", "referrals.batch.max-items=10000"})
class BatchClientsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ITEMS = 10_000;
    private static final String CASE = """
            {"caseRef":"REF","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},
             "dash":{"answers":{"current_injury":"NO","very_frightened":"YES","afraid_of_further_harm":"YES","isolated":"NO",
               "depressed_or_suicidal":"NO","separation":"YES","child_contact_conflict":"NO","stalking_harassment":"NO",
               "pregnancy_or_new_baby":"NO","children_or_dependants_in_household":"NO","hurt_children_or_dependants":"NO",
               "threatened_children_or_dependants":"NO","abuse_more_often":"YES","abuse_getting_worse":"YES",
               "controlling_or_jealous":"YES","weapons_used":"NO","threats_to_kill":"NO","strangulation":"NO","sexual_abuse":"NO",
               "other_person_threatening":"NO","hurt_anyone_else":"NO","animal_abuse":"NO","financial_issues":"NO",
               "substance_or_mental_health":"NO","perpetrator_suicide_threats":"NO","breached_bail_or_order":"NO",
               "criminal_history":"NO"}},
             "policeIncidents":[INCIDENTS],
             "professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"},
             "consent":{"victimAware":true,"consentGiven":true,"significantConcern":false}}""".replace("\n", "")
            .replace("INCIDENTS", String.join(",", java.util.Collections.nCopies(20, "{\"date\":\"2025-01-15\"}")));

    @LocalServerPort
    int port;

    @Test
    void javaHttpClientWithAByteArrayBodyGetsEveryResultOf10000() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/decisions/batch"))
                .header("Authorization", "Bearer " + Fixtures.KEY_CALLER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch("H"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertEveryItemDecided(body, "H");
        }
    }

    @Test
    void aClientThatWritesTheWholeRequestBeforeReadingGetsEveryResultOf10000() throws Exception {
        byte[] body = batch("S");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024); // as over a network: the answer cannot wait in the buffers
            socket.setSoTimeout(120_000); // a deadlock fails the test rather than hanging it
            socket.connect(new java.net.InetSocketAddress("localhost", port));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/decisions/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Fixtures.KEY_CALLER
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = head(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
            assertEveryItemDecided(new Dechunked(in), "S");
        }
    }

    private static byte[] batch(String prefix) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < ITEMS; i++) {
            batch.append(i == 0 ? "" : ",").append(CASE.replace("REF", prefix + "-" + i));
        }
        return batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the results one by one (the whole answer is some 50 MB): every item decided, in order, once. */
    private static void assertEveryItemDecided(InputStream body, String prefix) {
        Set<String> ids = new HashSet<>();
        int index = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(parser.nextName()).isEqualTo("results");
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode result = parser.readValueAsTree();
                assertThat(result.path("index").asInt()).isEqualTo(index);
                assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
                assertThat(result.path("decision").path("caseRef").asString()).isEqualTo(prefix + "-" + index);
                ids.add(result.path("decision").path("decisionId").asString());
                index++;
            }
        }
        assertThat(index).isEqualTo(ITEMS);
        assertThat(ids).hasSize(ITEMS);
    }

    @Test
    void theBatchIsLargerThanTheConnectionHolds() {
        assertThat(batch("X").length).isGreaterThan(12_000_000);
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A chunked HTTP/1.1 body, decoded. */
    private static final class Dechunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Dechunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line();
                if (size.isEmpty()) {
                    size = line(); // the CRLF that ends the previous chunk
                }
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            left--;
            return in.read();
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }
}
