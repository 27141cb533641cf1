package org.referraldecisions.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.referraldecisions.Fixtures;
import org.referraldecisions.service.CaseFactsMapper;
import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenCaseLoader;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * The engine runs each decision on a pooled, reset working memory. Nothing of one decision may reach the
 * next: every Cleveland golden case, decided in shuffled order on four threads at once, must give exactly
 * the decision a brand-new, unpooled Drools session gives.
 */
class PooledSessionTests {

    @Test
    void pooledDecisionsEqualFreshSessionDecisionsInAnyOrderOnAnyThread() throws Exception {
        CompiledRuleset ruleset = Fixtures.catalog().select("cleveland", java.time.LocalDate.of(2026, 3, 1), "2017-10");
        List<CaseFacts> cases = new ArrayList<>();
        for (GoldenCase c : GoldenCaseLoader.load(Fixtures.CASES.resolve("cleveland").resolve("2017-10"), new ArrayList<>())) {
            try {
                cases.add(CaseFactsMapper.toFacts(Fixtures.reader().read(GoldenRunner.requestOf(c))));
            } catch (RuntimeException refused) {
                // cases that expect a 400 have no facts to decide
            }
        }
        assertThat(cases).hasSizeGreaterThan(40);
        List<Decision> fresh = cases.stream().map(c -> decideUnpooled(ruleset, c)).toList();
        assertThat(fresh.stream().map(Decision::firedRules).distinct().count()).as("the cases differ").isGreaterThan(20);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < cases.size(); i++) {
                            order.add(i);
                        }
                        Collections.shuffle(order, random);
                        for (int i : order) {
                            assertThat(DecisionEngine.decide(ruleset, cases.get(i))).as("case %d", i).isEqualTo(fresh.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the engine did before pooling: a new Drools session for every decision. */
    private static Decision decideUnpooled(CompiledRuleset ruleset, CaseFacts facts) {
        StatelessKieSession session = ruleset.kieBase().newStatelessKieSession();
        TraceListener trace = new TraceListener(ruleset);
        session.addEventListener((AgendaEventListener) trace);
        session.addEventListener((RuleRuntimeEventListener) trace);
        List<Object> withCalendar = new ArrayList<>(facts.asFacts());
        withCalendar.add(ruleset.calendar()); // as the engine does: the area's calendar is a fact of every decision
        session.execute(withCalendar);
        return DecisionAssembler.assemble(ruleset, trace.firings());
    }
}
