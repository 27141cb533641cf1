package org.referraldecisions.decision;

import java.util.List;

/**
 * A session run was stopped at one of its {@link RuleLimits}: a defect in the rule set (typically a rule
 * whose conclusion makes it, or another, fire again), never in the request. Names the rule set and the
 * rules that were still firing when it was stopped, which are the ones that looped.
 */
public class RuleLimitExceededException extends RuntimeException {

    private final String ruleset;
    private final String limit;
    private final List<String> rules;
    private final int firings;

    RuleLimitExceededException(String ruleset, String limit, List<String> rules, int firings, long elapsedMillis) {
        super("rule set " + ruleset + " was stopped at " + limit + " after " + firings + " rule firings in " + elapsedMillis
                + " ms; still firing: " + String.join(", ", rules.stream().map(r -> "\"" + r + "\"").toList()));
        this.ruleset = ruleset;
        this.limit = limit;
        this.rules = List.copyOf(rules);
        this.firings = firings;
    }

    /** The rule set that was deciding, as {@code area@version}. */
    public String ruleset() {
        return ruleset;
    }

    /** Which limit stopped it, e.g. {@code the limit of 10000 rule firings}. */
    public String limit() {
        return limit;
    }

    /** The rules that were still firing when the run was stopped, most frequent first, each as {@code area@version name}. */
    public List<String> rules() {
        return rules;
    }

    public int firings() {
        return firings;
    }
}
