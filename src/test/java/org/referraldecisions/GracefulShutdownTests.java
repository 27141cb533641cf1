package org.referraldecisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM under load, as an operator stops the service: the service runs in a JVM of its own with its
 * production configuration (H2 file log), clients post decisions and a batch, and the process is sent
 * SIGTERM while they are in flight. Every request the service took on is answered 200 (a request it
 * refused to take on fails to connect, which a client may retry), every decision answered is in the
 * decision log, and nothing is logged as an error or a stack trace.
 */
class GracefulShutdownTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "graceful-shutdown-test-key";
    /** printf %s graceful-shutdown-test-key | sha256sum */
    private static final String KEY_SHA256 = sha256(KEY);
    private static final String CASE = """
            {"caseRef":"REF","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},
             "professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"},
             "consent":{"victimAware":true,"consentGiven":true,"significantConcern":false}}""".replace("\n", "");
    private static final int CLIENTS = 6;
    private static final int BATCH_ITEMS = 3000;

    @TempDir
    Path work;

    @Test
    void sigtermUnderLoadFinishesWhatWasTakenOnAndLogsEveryAnsweredDecision() throws Exception {
        List<String> output = new ArrayList<>();
        CompletableFuture<Integer> started = new CompletableFuture<>();
        CountDownLatch outputRead = new CountDownLatch(1);
        Process service = start(output, started, outputRead);
        try {
            int port = started.get(5, TimeUnit.MINUTES);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicBoolean terminated = new AtomicBoolean();
            CountDownLatch warm = new CountDownLatch(200);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = 0; ; i++) {
                        HttpResponse<String> response;
                        try {
                            response = http.send(post(port, "/v1/decisions", CASE.replace("REF", "C" + client + "-" + i)),
                                    HttpResponse.BodyHandlers.ofString());
                        } catch (IOException notTakenOn) {
                            if (!terminated.get()) {
                                wrong.add("client " + client + " failed before SIGTERM: " + notTakenOn);
                            }
                            return null;
                        }
                        if (response.statusCode() != 200) {
                            wrong.add("client " + client + " got " + response.statusCode() + ": " + response.body());
                            return null;
                        }
                        answered.add(JSON.readTree(response.body()).path("decisionId").asString());
                        warm.countDown();
                    }
                });
            }
            assertThat(warm.await(3, TimeUnit.MINUTES)).as("decisions answered before SIGTERM").isTrue();

            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < BATCH_ITEMS; i++) {
                batch.append(i == 0 ? "" : ",").append(CASE.replace("REF", "B-" + i));
            }
            // The batch's response has begun (its first results are in the log) when SIGTERM is sent.
            HttpResponse<InputStream> batchResponse = http.send(post(port, "/v1/decisions/batch", batch.append(']').toString()),
                    HttpResponse.BodyHandlers.ofInputStream());
            terminated.set(true);
            synchronized (output) {
                output.add("-- test: SIGTERM sent, batch response begun");
            }
            // SIGTERM; Process.destroy() would also close our end of its output, losing what it logs as it stops.
            service.toHandle().destroy();
            JsonNode results;
            try (InputStream body = batchResponse.body()) {
                results = JSON.readTree(body).path("results");
            }
            assertThat(service.waitFor(2, TimeUnit.MINUTES)).as("the service stopped").isTrue();
            outputRead.await(1, TimeUnit.MINUTES);
            synchronized (output) {
                output.add("-- test: exit value " + service.exitValue());
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

            assertThat(batchResponse.statusCode()).isEqualTo(200);
            assertThat(results.size()).isEqualTo(BATCH_ITEMS);
            for (JsonNode result : results) {
                assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(200);
                answered.add(result.path("decision").path("decisionId").asString());
            }
            assertThat(wrong).isEmpty();
            Set<String> logged = logged();
            synchronized (output) {
                output.add("-- test: " + answered.size() + " decisions answered 200 (batch included), " + logged.size() + " in the log");
            }
            assertThat(logged).containsAll(answered);
            synchronized (output) {
                assertThat(output).as("the service's output").noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR "));
                assertThat(output).anyMatch(line -> line.contains("Graceful shutdown complete"));
            }
        } finally {
            service.destroyForcibly();
            synchronized (output) {
                // Kept for whoever has to find out why this test failed.
                Files.write(Path.of("target", "GracefulShutdownTests-service.log"), output);
            }
        }
    }

    /** Starts the service from this test's class path, its production configuration and its H2 file log under {@link #work}. */
    private Process start(List<String> output, CompletableFuture<Integer> started, CountDownLatch outputRead) throws IOException {
        Path repository = Path.of("").toAbsolutePath();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), ReferralDecisionsApplication.class.getName(),
                // Only the production configuration, not the tests' (which puts the log in memory).
                "--spring.config.location=classpath:/application.properties",
                "--server.port=0",
                "--referrals.rules-dir=" + repository.resolve("rules"),
                "--referrals.cases-dir=" + repository.resolve("test-cases"),
                "--referrals.warmup.decisions=0",
                "--referrals.security.api-keys[0].sha256=" + KEY_SHA256,
                "--referrals.security.api-keys[0].roles=CALLER");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        output.add("-- test: " + String.join(" ", command));
        Pattern port = Pattern.compile("Tomcat started on port (?:\\()?(\\d+)");
        Thread reader = new Thread(() -> {
            int found = -1;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = port.matcher(line);
                    if (m.find()) {
                        found = Integer.parseInt(m.group(1));
                    }
                    if (line.contains("Started ReferralDecisionsApplication")) {
                        started.complete(found);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
            outputRead.countDown();
            started.completeExceptionally(new IllegalStateException("the service stopped before it started:\n" + String.join("\n", output)));
        }, "service-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** The decision ids in the log the service left behind. */
    private Set<String> logged() throws Exception {
        String url = "jdbc:h2:file:" + work.resolve("data").resolve("referral-decisions") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
        Set<String> ids = new HashSet<>();
        try (Connection db = DriverManager.getConnection(url, "sa", ""); ResultSet rows = db.createStatement().executeQuery("SELECT decision_id FROM decision_log")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static HttpRequest post(int port, String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
