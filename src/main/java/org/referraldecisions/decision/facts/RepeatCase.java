package org.referraldecisions.decision.facts;

/** Conclusion: the case is a repeat MARAC case. */
public record RepeatCase() {
}
