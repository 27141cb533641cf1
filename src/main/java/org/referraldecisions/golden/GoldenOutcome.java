package org.referraldecisions.golden;

import java.util.List;

import org.referraldecisions.service.DecisionResponseV1;

/**
 * The result of running one golden case: the decision made (absent when the request was refused)
 * and every way it differs from what the case expects.
 */
public record GoldenOutcome(GoldenCase goldenCase, DecisionResponseV1 decision, List<Mismatch> mismatches) {

    public GoldenOutcome {
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** Whether the rule set was stopped at one of its rule limits (it loops) instead of deciding. */
    public boolean stoppedAtARuleLimit() {
        return mismatches.stream().anyMatch(m -> m.field().equals(Mismatch.RULE_LIMITS));
    }
}
