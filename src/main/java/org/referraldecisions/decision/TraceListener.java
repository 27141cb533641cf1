package org.referraldecisions.decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RuleInfo;

/**
 * Records, for one decision, each rule as it fires and the conclusions it inserts. One instance per
 * decision; not shared between threads.
 */
final class TraceListener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** One firing of one rule and the conclusions its consequence inserted, in insertion order. */
    record Firing(int sequence, RuleInfo rule, int traceOrder, List<Object> conclusions) {
    }

    /**
     * Firing order made canonical: the rule set's trace order (phase, then rule set and rule name, see
     * {@link CompiledRuleset#traceOrder}), then, for one rule that fired more than once, its conclusions.
     */
    static final Comparator<Firing> CANONICAL = Comparator
            .comparingInt(Firing::traceOrder)
            .thenComparing(f -> f.conclusions().toString());

    private final CompiledRuleset ruleset;
    private final LimitGuard limits;
    private final List<Firing> firings = new ArrayList<>();
    private Firing current;

    /** Traces without limits: for comparing with sessions as Drools runs them unaided. */
    TraceListener(CompiledRuleset ruleset) {
        this(ruleset, null);
    }

    /** Traces and tells the guard of each firing and conclusion, before recording it. */
    TraceListener(CompiledRuleset ruleset, LimitGuard limits) {
        this.ruleset = ruleset;
        this.limits = limits;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        if (limits != null) {
            limits.firing(rule);
        }
        RuleInfo info = ruleset.rule(rule.getPackageName(), rule.getName());
        current = new Firing(firings.size(), info, ruleset.traceOrder(info), new ArrayList<>(2));
        firings.add(current);
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null && limits != null) {
            limits.concluded();
        }
        if (event.getRule() != null && current != null) {
            current.conclusions().add(event.getObject());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Rules only insert conclusions; inputs are immutable records.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // Rules never retract.
    }

    /** The firings in canonical order. */
    List<Firing> firings() {
        List<Firing> sorted = new ArrayList<>(firings);
        sorted.sort(CANONICAL);
        return sorted;
    }
}
