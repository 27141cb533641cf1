package org.referraldecisions.decision;

import java.time.Duration;

/**
 * How far one session run (one decision, one golden case, one command-line decision) may go before it is
 * stopped: at most {@code maxFirings} rule firings, at most {@code maxConclusions} facts inserted by rules,
 * and no longer than {@code timeLimit}. A rule set that keeps concluding and re-triggering itself (a loop)
 * is stopped by the first two; one whose rules are merely slow by the third.
 *
 * <p>The time limit is checked at every 16th firing or conclusion: a consequence that runs forever
 * without firing or inserting anything cannot be stopped inside a JVM, only kept off the request threads.
 */
public record RuleLimits(int maxFirings, int maxConclusions, Duration timeLimit) {

    /**
     * Far above what any rule set decides with (at most 15 firings for any golden case, well under a
     * millisecond once warm), far below what exhausts memory; the time allows for the first decisions of a
     * cold JVM or a freshly compiled rule set, which take tens to hundreds of milliseconds.
     */
    public static final RuleLimits DEFAULT = new RuleLimits(5_000, 5_000, Duration.ofSeconds(5));

    public RuleLimits {
        if (maxFirings < 1 || maxConclusions < 1) {
            throw new IllegalArgumentException("rule limits: max firings and max conclusions must be at least 1");
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("rule limits: the time limit must be positive");
        }
    }
}
