package org.referraldecisions.decision;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Stops one session run at its {@link RuleLimits}: counts firings and the facts rules insert, checks the
 * time at each, and throws {@link RuleLimitExceededException} from inside the session when a limit is
 * passed. Remembers the most recent firings, so the exception can name the rules that looped. One instance
 * per run; not shared between threads.
 */
final class LimitListener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** How many of the latest firings are kept to find the looping rules. */
    private static final int RECENT = 64;
    /** How many looping rules are named at most. */
    private static final int NAMED = 5;

    private final CompiledRuleset ruleset;
    private final RuleLimits limits;
    private final LongSupplier nanoTime;
    private final long started;
    private final long deadline;
    private final Deque<String> recent = new ArrayDeque<>(RECENT);
    private int firings;
    private int conclusions;
    private RuleLimitExceededException exceeded;

    LimitListener(CompiledRuleset ruleset, RuleLimits limits, LongSupplier nanoTime) {
        this.ruleset = ruleset;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.deadline = started + limits.timeLimit().toNanos();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(ruleset.rule(rule.getPackageName(), rule.getName()).ruleset() + " " + rule.getName());
        if (++firings > limits.maxFirings()) {
            stop("the limit of " + limits.maxFirings() + " rule firings");
        }
        checkTime();
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() == null) {
            return; // the case's own facts, bounded by the request
        }
        if (++conclusions > limits.maxConclusions()) {
            stop("the limit of " + limits.maxConclusions() + " facts concluded by rules");
        }
        checkTime();
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // an update re-triggers rules only through firings, which are counted
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // deleting frees memory; it cannot loop without firing
    }

    /** Why the run was stopped, or null if it was not; Drools may have wrapped what was thrown. */
    RuleLimitExceededException exceeded() {
        return exceeded;
    }

    private void checkTime() {
        if (nanoTime.getAsLong() - deadline > 0) {
            stop("the time limit of " + limits.timeLimit().toMillis() + " ms");
        }
    }

    private void stop(String limit) {
        if (exceeded == null) {
            exceeded = new RuleLimitExceededException(ruleset.id().toString(), limit, looping(), firings,
                    (nanoTime.getAsLong() - started) / 1_000_000);
        }
        throw exceeded;
    }

    /**
     * The rules that fired more than once among the latest firings, most frequent first (ties by name, so
     * the message is stable); if none did, the rule firing now (one consequence that kept inserting, or
     * that was slow).
     */
    private List<String> looping() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        recent.forEach(r -> counts.merge(r, 1, Integer::sum));
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(NAMED).map(Map.Entry::getKey).toList();
        return repeated.isEmpty() && !recent.isEmpty() ? List.of(recent.getLast()) : repeated;
    }
}
