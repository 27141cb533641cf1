package org.referraldecisions.decision;

import java.util.List;

import org.kie.api.runtime.StatelessKieSession;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Decides one case against one compiled rule set: a stateless session over the shared, immutable
 * KieBase (its working memory pooled and reset between decisions), the case's facts inserted, every
 * rule fired and traced.
 */
public final class DecisionEngine {

    private DecisionEngine() {
    }

    public static Decision decide(CompiledRuleset ruleset, CaseFacts facts) {
        return decide(ruleset, facts.asFacts());
    }

    /** Decides from facts in the given insertion order; tests use it to show order does not matter. */
    static Decision decide(CompiledRuleset ruleset, List<Object> facts) {
        StatelessKieSession session = ruleset.newSession();
        TraceListener trace = new TraceListener(ruleset);
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) trace);
        session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) trace);
        session.execute(facts);
        return DecisionAssembler.assemble(ruleset, trace.firings());
    }
}
