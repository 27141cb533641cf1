package org.referraldecisions.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Validation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.referraldecisions.service.CaseFactsMapper;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.decision.CaseFacts;
import org.referraldecisions.decision.Decision;
import org.referraldecisions.decision.DecisionEngine;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;

/**
 * Cost of one Cleveland decision, from the service's own path down to the lower bound:
 * <ul>
 * <li>{@code service}: validated request → facts → stateless session with trace → response (no HTTP, no JSON);</li>
 * <li>{@code engineWithTrace}: facts → stateless session with the trace listener → Decision;</li>
 * <li>{@code rawStatelessSession}: the same facts into a bare stateless session of the same KieBase: no trace, no mapping;</li>
 * <li>{@code handWritten}: the Cleveland threshold logic written in Java, the lower bound;</li>
 * <li>{@code engineWithTraceMix}: as {@code engineWithTrace}, over every golden case of every area in turn, each with
 * the rule set the service would choose: what the engine costs in the service's real mix.</li>
 * </ul>
 * The cases are the valid Cleveland golden cases (a realistic mix), cycled in order.
 * Run: {@code mvn -B -Pbench test-compile exec:exec -Djmh.args="-t 1"} (and {@code -t 2}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class DecisionBenchmark {

    private CompiledRuleset ruleset;
    private DecisionService service;
    private List<DecisionRequestV1> requests;
    private List<CaseFacts> facts;
    private List<CompiledRuleset> mixRulesets;
    private List<CaseFacts> mixFacts;

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        RulesetCatalog catalog = RulesetLoader.load(Path.of("rules"));
        ruleset = catalog.select("cleveland", LocalDate.of(2026, 6, 15), "2017-10");
        service = new DecisionService(new RulesetRegistry(catalog), Clock.systemUTC(), () -> "bench");
        DecisionRequestReader reader = new DecisionRequestReader(Validation.buildDefaultValidatorFactory().getValidator(), Clock.systemUTC());
        requests = GoldenRunner.requestsThatDecide(Path.of("test-cases/cleveland/2017-10"), reader);
        facts = requests.stream().map(CaseFactsMapper::toFacts).toList();
        mixRulesets = new ArrayList<>();
        mixFacts = new ArrayList<>();
        for (DecisionRequestV1 request : GoldenRunner.requestsThatDecide(Path.of("test-cases"), reader)) {
            CompiledRuleset chosen;
            try {
                chosen = catalog.select(request.area(), request.asOf(), request.rulesetVersion());
            } catch (RuntimeException noRuleset) {
                continue; // a case that expects "no rule set in force" (404)
            }
            mixRulesets.add(chosen);
            mixFacts.add(CaseFactsMapper.toFacts(request));
        }
    }

    private int next(Cursor cursor) {
        int i = cursor.next;
        cursor.next = (i + 1) % facts.size();
        return i;
    }

    @Benchmark
    public DecisionResponseV1 service(Cursor cursor) {
        return service.decide(requests.get(next(cursor)));
    }

    @Benchmark
    public Decision engineWithTrace(Cursor cursor) {
        return DecisionEngine.decide(ruleset, facts.get(next(cursor)));
    }

    @Benchmark
    public Object rawStatelessSession(Cursor cursor) {
        List<Object> inserted = facts.get(next(cursor)).asFacts();
        ruleset.kieBase().newStatelessKieSession().execute(inserted);
        return inserted;
    }

    /** The same facts and the area's calendar (as the service inserts), on the rule set's pooled working memories, without trace. */
    @Benchmark
    public Object rawPooledSession(Cursor cursor) {
        List<Object> inserted = facts.get(next(cursor)).asFacts();
        inserted.add(ruleset.calendar());
        org.kie.api.runtime.KieSession session = ruleset.pooledSession();
        try {
            inserted.forEach(session::insert);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return inserted;
    }

    @Benchmark
    public Decision engineWithTraceMix(Cursor cursor) {
        int i = cursor.next;
        cursor.next = (i + 1) % mixFacts.size();
        return DecisionEngine.decide(mixRulesets.get(i), mixFacts.get(i));
    }

    @Benchmark
    public HandWrittenCleveland.Outcome handWritten(Cursor cursor) {
        return HandWrittenCleveland.decide(facts.get(next(cursor)));
    }
}
