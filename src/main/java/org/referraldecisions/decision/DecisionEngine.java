package org.referraldecisions.decision;

import java.util.List;
import java.util.function.LongSupplier;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Decides one case against one compiled rule set: a working memory of the shared, immutable KieBase
 * (pooled, and reset between decisions), the case's facts inserted, every rule fired and traced. Every run is bounded by {@link RuleLimits}: a rule set that loops is stopped
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
        KieSession session = ruleset.pooledSession();
        LimitGuard limit = new LimitGuard(ruleset, limits, nanoTime);
        TraceListener trace = new TraceListener(ruleset, limit);
        try {
            for (Object fact : facts) {
                session.insert(fact);
            }
            // The area's calendar is a fact of every decision: the rules ask it for meetings and working days.
            session.insert(ruleset.calendar());
            // Listening starts once the case's own facts are in: the trace is what the rules did, and Drools
            // then need not report each of the case's facts to it. No rule fires before fireAllRules.
            session.addEventListener((AgendaEventListener) trace);
            session.addEventListener((RuleRuntimeEventListener) trace);
            session.fireAllRules();
        } catch (RuntimeException e) {
            // Drools wraps what a listener throws from inside a consequence; the cause is the listener's own.
            if (limit.exceeded() != null) {
                throw limit.exceeded();
            }
            throw e;
        } finally {
            session.dispose();
        }
        return DecisionAssembler.assemble(ruleset, trace.firings());
    }
}
