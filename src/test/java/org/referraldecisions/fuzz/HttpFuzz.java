package org.referraldecisions.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounded HTTP fuzz run of {@code .ci/run}: posts seeded valid and mutated requests to a service that is
 * already running on loopback, and exits 1 on any 5xx, any 400 whose errors do not each name a field (or
 * miss the field that was broken), any valid request not decided, any timeout, or the server's resident
 * memory growing past a bound. Starts nothing; stops by itself (a request count and a deadline).
 *
 * <pre>java -cp target/test-classes org.referraldecisions.fuzz.HttpFuzz PORT KEY [requests] [seed] [server-pid] [rss-bound-MB] [deadline-s]</pre>
 */
public final class HttpFuzz {

    private static final Pattern ERROR = Pattern.compile("\\{\"field\":(\"((?:[^\"\\\\]|\\\\.)*)\"|null)");

    private HttpFuzz() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String key = args[1];
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261128L;
        long pid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        long rssBoundMb = args.length > 5 ? Long.parseLong(args[5]) : 200;
        long deadlineSeconds = args.length > 6 ? Long.parseLong(args[6]) : 240;
        int clients = 4;

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/decisions");
        // Warm up first (JIT, pools, the log's first pages), so the RSS figure measures growth under load.
        for (int i = 0; i < 200; i++) {
            send(http, uri, key, RequestGenerator.valid(seed - 1 - i));
        }
        long rssBefore = rssKb(pid);
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong(), fiveXx = new AtomicLong(), unnamed = new AtomicLong(), timeouts = new AtomicLong(),
                undecided = new AtomicLong(), other = new AtomicLong(), valid = new AtomicLong(), refused = new AtomicLong();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < requests && System.nanoTime() < deadline; ) {
                    long s = seed + i;
                    RequestGenerator.Sample sample = i % 2 == 0 ? RequestGenerator.valid(s) : RequestGenerator.invalid(s);
                    HttpResponse<String> response;
                    try {
                        response = send(http, uri, key, sample);
                    } catch (HttpTimeoutException e) {
                        timeouts.incrementAndGet();
                        note(examples, "timeout", s, sample, null);
                        continue;
                    } catch (IOException | InterruptedException e) {
                        other.incrementAndGet();
                        note(examples, "no response (" + e + ")", s, sample, null);
                        continue;
                    } finally {
                        sent.incrementAndGet();
                    }
                    String problem = check(sample, response.statusCode(), response.body());
                    if (response.statusCode() >= 500) {
                        fiveXx.incrementAndGet();
                    } else if (problem != null && problem.startsWith("unnamed")) {
                        unnamed.incrementAndGet();
                    } else if (problem != null && sample.mutation() == null) {
                        undecided.incrementAndGet();
                    } else if (problem != null) {
                        other.incrementAndGet();
                    } else if (sample.mutation() == null) {
                        valid.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                    if (problem != null) {
                        note(examples, problem, s, sample, response);
                    }
                }
            });
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(deadlineSeconds + 30, TimeUnit.SECONDS) && sent.get() >= requests;
        double seconds = (System.nanoTime() - started) / 1e9;
        System.gc();
        long rssAfter = rssKb(pid);
        long growthMb = rssBefore < 0 || rssAfter < 0 ? -1 : (rssAfter - rssBefore) / 1024;
        examples.stream().limit(10).forEach(System.out::println);
        System.out.printf("fuzz: %d requests (%d decided, %d refused) in %.0f s, %d 5xx, %d unnamed 400s, %d timeouts, %d valid not decided, %d other, RSS %s%n",
                sent.get(), valid.get(), refused.get(), seconds, fiveXx.get(), unnamed.get(), timeouts.get(), undecided.get(), other.get(),
                growthMb < 0 ? "not measured" : String.format("%+d MB (%d -> %d MB, bound %d MB)", growthMb, rssBefore / 1024, rssAfter / 1024, rssBoundMb));
        boolean ok = finished && fiveXx.get() == 0 && unnamed.get() == 0 && timeouts.get() == 0 && undecided.get() == 0 && other.get() == 0
                && (growthMb < 0 ? pid < 0 : growthMb <= rssBoundMb);
        if (!finished) {
            System.out.println("fuzz: FAIL: " + sent.get() + " of " + requests + " requests sent before the " + deadlineSeconds + " s deadline");
        }
        System.out.println(ok ? "fuzz: PASS" : "fuzz: FAIL");
        System.exit(ok ? 0 : 1);
    }

    static HttpResponse<String> send(HttpClient http, URI uri, String key, RequestGenerator.Sample sample) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(sample.body())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What is wrong with the reply to {@code sample}, or {@code null}: a valid request must be a 200; an invalid one a
     * 400 whose errors each name a field ("unnamed …" otherwise), including the field broken when it is known, and
     * {@code $} only when it is not.
     */
    public static String check(RequestGenerator.Sample sample, int status, String body) {
        if (status >= 500) {
            return "5xx " + status;
        }
        if (sample.mutation() == null) {
            return status == 200 && body.contains("\"decisionId\"") ? null : "valid request not decided: " + status;
        }
        if (status != 400) {
            return "invalid request (" + sample.mutation() + ") answered " + status;
        }
        int errorsAt = body.indexOf("\"errors\":[");
        if (errorsAt < 0) {
            return "unnamed 400: no errors list";
        }
        List<String> fields = new ArrayList<>();
        Matcher m = ERROR.matcher(body);
        m.region(errorsAt, body.length());
        while (m.find()) {
            fields.add(m.group(2));
        }
        if (fields.isEmpty()) {
            return "unnamed 400: empty errors list";
        }
        for (String field : fields) {
            if (field == null || field.isBlank()) {
                return "unnamed 400: an error without a field";
            }
            if (sample.field() != null && field.equals("$")) {
                return "unnamed 400: $ where " + sample.field() + " is known";
            }
        }
        if (sample.field() != null && !fields.contains(sample.field())) {
            return "unnamed 400: " + sample.field() + " not named (" + fields + ")";
        }
        return null;
    }

    private static void note(ConcurrentLinkedQueue<String> examples, String problem, long seed, RequestGenerator.Sample sample, HttpResponse<String> response) {
        if (examples.size() < 10) {
            String body = response == null ? "" : response.body();
            examples.add("fuzz: seed " + seed + ": " + problem + "\n  request: " + clip(sample.text()) + "\n  reply: " + clip(body));
        }
    }

    private static String clip(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** VmRSS of the process in kB, or -1. */
    static long rssKb(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
