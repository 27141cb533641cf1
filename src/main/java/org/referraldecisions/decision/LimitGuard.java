package org.referraldecisions.decision;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.kie.api.definition.rule.Rule;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Stops one session run at its {@link RuleLimits}: counts firings and the facts rules insert, checks the
 * time at every 16th of them, and throws {@link RuleLimitExceededException} from inside the session when a limit is
 * passed. Remembers the most recent firings, so the exception can name the rules that looped. Told of
 * firings and conclusions by the {@link TraceListener} (one listener per session costs less than two).
 * One instance per run; not shared between threads.
 */
final class LimitGuard {

    /**
     * The clock is read at every this many events (firings and conclusions together), not at each: a decision has
     * some 30 events and reading the clock at each was 3 % of the engine's time. A slow loop is still stopped
     * within 16 events of its time limit.
     */
    private static final int EVENTS_PER_CLOCK_READ = 16;
    /** How many of the latest firings are kept to find the looping rules. */
    private static final int RECENT = 64;
    /** How many looping rules are named at most. */
    private static final int NAMED = 5;

    private final CompiledRuleset ruleset;
    private final RuleLimits limits;
    private final LongSupplier nanoTime;
    private final long started;
    private final long deadline;
    /** The latest firings' rules, a ring: names are only worked out if the run is stopped. */
    private final Rule[] recent = new Rule[RECENT];
    private int firings;
    private int conclusions;
    private int events;
    private RuleLimitExceededException exceeded;

    LimitGuard(CompiledRuleset ruleset, RuleLimits limits, LongSupplier nanoTime) {
        this.ruleset = ruleset;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.deadline = started + limits.timeLimit().toNanos();
    }

    /** A rule is about to fire. */
    void firing(Rule rule) {
        recent[firings % RECENT] = rule;
        if (++firings > limits.maxFirings()) {
            stop("the limit of " + limits.maxFirings() + " rule firings");
        }
        checkTime();
    }

    /** A rule's consequence inserted a fact (the case's own facts are bounded by the request, not here). */
    void concluded() {
        if (++conclusions > limits.maxConclusions()) {
            stop("the limit of " + limits.maxConclusions() + " facts concluded by rules");
        }
        checkTime();
    }

    /** Why the run was stopped, or null if it was not; Drools may have wrapped what was thrown. */
    RuleLimitExceededException exceeded() {
        return exceeded;
    }

    private void checkTime() {
        if (++events % EVENTS_PER_CLOCK_READ != 0) {
            return;
        }
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
        for (Rule rule : recent) {
            if (rule != null) {
                counts.merge(name(rule), 1, Integer::sum);
            }
        }
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(NAMED).map(Map.Entry::getKey).toList();
        Rule current = firings == 0 ? null : recent[(firings - 1) % RECENT];
        return repeated.isEmpty() && current != null ? List.of(name(current)) : repeated;
    }

    /** A rule as {@code area@version name}, the rule set being the one whose DRL declares it. */
    private String name(Rule rule) {
        return ruleset.rule(rule.getPackageName(), rule.getName()).ruleset() + " " + rule.getName();
    }
}
