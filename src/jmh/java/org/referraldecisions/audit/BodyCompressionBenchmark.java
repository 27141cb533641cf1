package org.referraldecisions.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Validation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import tools.jackson.databind.json.JsonMapper;

/**
 * What compressing one decision's stored body costs, over every golden decision in turn (the request and the
 * {@link LoggedResponse} the log stores), the two compressions side by side in one run:
 * <ul>
 * <li>{@code deflate}: the second stored form, DEFLATE level 3 with the 8 KB preset dictionary (written until the
 *     evening of 2026-11-28);</li>
 * <li>{@code zstandard}: the third, Zstandard level 3 with the same dictionary as raw content (written since).</li>
 * </ul>
 * The bytes each writes over the whole mix are printed at setup. Run:
 * {@code mvn -B -q -Pbench test-compile exec:exec -Djmh.args="BodyCompressionBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BodyCompressionBenchmark {

    private final List<String> requests = new ArrayList<>();
    private final List<LoggedResponse> responses = new ArrayList<>();

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void setUp() {
        JsonMapper json = JsonMapper.builder().build();
        RulesetCatalog catalog = RulesetLoader.load(Path.of("rules"));
        DecisionService service = new DecisionService(new RulesetRegistry(catalog), Clock.systemUTC(), () -> "0190f5c4-7e2a-7b3c-9d4e-5f6a7b8c9d0e");
        DecisionRequestReader reader = new DecisionRequestReader(Validation.buildDefaultValidatorFactory().getValidator(), Clock.systemUTC());
        long deflated = 0;
        long zstandard = 0;
        for (DecisionRequestV1 request : GoldenRunner.requestsThatDecide(Path.of("test-cases"), reader)) {
            DecisionResponseV1 response;
            try {
                response = service.rehearse(request);
            } catch (RuntimeException refused) {
                continue; // a golden case of a refusal: nothing is logged for it
            }
            CompiledRuleset ruleset = catalog.all().stream().filter(r -> r.sha256().equals(response.ruleset().sha256())).findFirst().orElseThrow();
            String requestJson = json.writeValueAsString(request);
            LoggedResponse logged = LoggedResponse.of(response, json, FiredRuleCatalogue.of(ruleset));
            requests.add(requestJson);
            responses.add(logged);
            deflated += SealedBodies.compressAsSecondForm(requestJson, logged).length;
            zstandard += SealedBodies.compress(requestJson, logged).length;
        }
        System.out.printf("%n%d golden decisions: DEFLATE %d bytes (%d a decision), Zstandard %d bytes (%d a decision)%n",
                requests.size(), deflated, deflated / requests.size(), zstandard, zstandard / requests.size());
    }

    @Benchmark
    public byte[] deflate(Cursor cursor) {
        int i = next(cursor);
        return SealedBodies.compressAsSecondForm(requests.get(i), responses.get(i));
    }

    @Benchmark
    public byte[] zstandard(Cursor cursor) {
        int i = next(cursor);
        return SealedBodies.compress(requests.get(i), responses.get(i));
    }

    private int next(Cursor cursor) {
        int i = cursor.next;
        cursor.next = (i + 1) % requests.size();
        return i;
    }
}
