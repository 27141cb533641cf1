package org.referraldecisions.decision.facts;

/** Conclusion: how the case is to be heard. */
public record Hearing(HearingType type) {
}
