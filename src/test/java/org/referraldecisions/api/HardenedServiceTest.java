package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.referraldecisions.Fixtures;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a random port with small limits, shared by the hardening tests (one Spring context for
 * all of them), and the HTTP helpers they use: a plain client, and a raw socket for requests no client
 * would send (path tricks, a forged Host header).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "referrals.warmup.decisions=0",
        "referrals.limits.request-size=8KB",
        "referrals.limits.batch-size=64KB",
        "referrals.limits.police-incidents=50",
        "referrals.limits.errors=10",
        "referrals.batch.max-items=20",
        "referrals.api.public-url=https://referrals.example.org"})
abstract class HardenedServiceTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CASE = """
            {"caseRef":"%s","area":"cleveland","asOf":"2026-03-15",
             "victim":{"age":34,"relationship":"EX_PARTNER","childrenInHousehold":1},
             "perpetrator":{"age":36},
             "policeIncidents":[{"date":"2025-03-15"},{"date":"2026-01-10"},{"date":"2026-03-02"}],
             "consent":{"victimAware":true,"consentGiven":false,"significantConcern":false}}""";
    /** Words of the libraries underneath, which no error message may contain. */
    static final String[] INTERNALS = {"jackson", "Jackson", "`", "Feature", "Exception", "Source:", "StreamRead", "JsonNode",
            "JsonToken", "REDACTED", "tools.", "java.", "org.springframework", "static resource", "Whitelabel", "<html"};

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    static String aCase(String caseRef) {
        return CASE.formatted(caseRef);
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return conforming("POST", path, http.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Every response the hardened tests receive through these helpers is held to the live OpenAPI document too. */
    HttpResponse<String> conforming(String method, String path, HttpResponse<String> response) {
        ContractValidator.assertConforms(port, method, path, response);
        return response;
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A body sent without a length, as a chunked upload: the server cannot know its size before reading it. */
    HttpResponse<String> postChunked(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return conforming("POST", path, http.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return conforming("GET", path, http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + Fixtures.KEY_ALL_ROLES);
    }

    /** The decisions logged for a case reference: none for a refused request. */
    JsonNode logged(String caseRef) throws IOException, InterruptedException {
        HttpResponse<String> history = get("/v1/decisions?caseRef=" + caseRef);
        assertThat(history.statusCode()).isEqualTo(200);
        return JSON.readTree(history.body());
    }

    /** Asserts a problem+json response with the status, {@code code} and a matching {@code type}; returns its body. */
    static JsonNode problem(int status, String code, int actualStatus, Map<String, String> headers, String body) {
        String shown = body.length() > 600 ? body.substring(0, 600) + "…" : body;
        assertThat(actualStatus).as(shown).isEqualTo(status);
        assertThat(headers.getOrDefault("content-type", "")).as(shown).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("code").asString()).as(shown).isEqualTo(code);
        assertThat(problem.path("type").asString()).isEqualTo("urn:referral-decisions:problem:" + code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(body).doesNotContain(INTERNALS);
        return problem;
    }

    static JsonNode problem(int status, String code, HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return problem(status, code, response.statusCode(), headers, response.body());
    }

    static JsonNode problem(int status, String code, Raw response) {
        return problem(status, code, response.status(), response.headers(), response.body());
    }

    /** A response read off a raw socket. */
    record Raw(int status, Map<String, String> headers, String body) {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) as written, and reads the response. */
    Raw raw(String head) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Raw parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(new ByteArrayInputStream(body));
        }
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = size.isEmpty() ? 0 : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }
}
