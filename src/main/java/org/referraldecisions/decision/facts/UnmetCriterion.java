package org.referraldecisions.decision.facts;

/** Conclusion: a threshold that was checked and not met, with the figures that show why. */
public record UnmetCriterion(String criterion, String explanation) {
}
