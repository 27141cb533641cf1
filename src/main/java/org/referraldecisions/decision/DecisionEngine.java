package org.referraldecisions.decision;

import java.util.List;

import org.kie.api.runtime.StatelessKieSession;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Decides one case against one compiled rule set: a fresh stateless session from the shared,
 * immutable KieBase, the case's facts inserted, every rule fired and traced.
 */
public final class DecisionEngine {

    private DecisionEngine() {
    }

    public static Decision decide(CompiledRuleset ruleset, CaseFacts facts) {
        return decide(ruleset, facts.asFacts());
    }

    /** Decides from facts in the given insertion order; tests use it to show order does not matter. */
    static Decision decide(CompiledRuleset ruleset, List<Object> facts) {
        StatelessKieSession session = ruleset.kieBase().newStatelessKieSession();
        TraceListener trace = new TraceListener(ruleset);
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) trace);
        session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) trace);
        session.execute(facts);
        return DecisionAssembler.assemble(ruleset, trace.firings());
    }
}
