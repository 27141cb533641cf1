package org.referraldecisions.decision;

import java.util.List;
import java.util.function.LongSupplier;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Decides one case against one compiled rule set: a stateless session over the shared, immutable
 * KieBase (its working memory pooled and reset between decisions), the case's facts inserted, every
 * rule fired and traced. Every run is bounded by {@link RuleLimits}: a rule set that loops is stopped
 * with {@link RuleLimitExceededException} naming the rules, and its working memory goes back to the pool
 * reset like any other.
 */
public final class DecisionEngine {

    private DecisionEngine() {
    }

    /** Decides within {@link RuleLimits#DEFAULT}. */
    public static Decision decide(CompiledRuleset ruleset, CaseFacts facts) {
        return decide(ruleset, facts, RuleLimits.DEFAULT);
    }

    public static Decision decide(CompiledRuleset ruleset, CaseFacts facts, RuleLimits limits) {
        return decide(ruleset, facts.asFacts(), limits, System::nanoTime);
    }

    /** Decides from facts in the given insertion order; tests use it to show order does not matter. */
    static Decision decide(CompiledRuleset ruleset, List<Object> facts) {
        return decide(ruleset, facts, RuleLimits.DEFAULT, System::nanoTime);
    }

    /** As above, timed by the given clock (tests pass one that runs fast). */
    static Decision decide(CompiledRuleset ruleset, List<Object> facts, RuleLimits limits, LongSupplier nanoTime) {
        StatelessKieSession session = ruleset.newSession();
        LimitGuard limit = new LimitGuard(ruleset, limits, nanoTime);
        TraceListener trace = new TraceListener(ruleset, limit);
        session.addEventListener((AgendaEventListener) trace);
        session.addEventListener((RuleRuntimeEventListener) trace);
        // The area's calendar is a fact of every decision: the rules ask it for meetings and working days.
        List<Object> withCalendar = new java.util.ArrayList<>(facts.size() + 1);
        withCalendar.addAll(facts);
        withCalendar.add(ruleset.calendar());
        try {
            session.execute(withCalendar);
        } catch (RuntimeException e) {
            // Drools wraps what a listener throws from inside a consequence; the cause is the listener's own.
            if (limit.exceeded() != null) {
                throw limit.exceeded();
            }
            throw e;
        }
        return DecisionAssembler.assemble(ruleset, trace.firings());
    }
}
