package org.referraldecisions.decision.facts;

/** Conclusion: the repeat definition this area's protocol uses; the national repeat rules read it. */
public record RepeatDefinition(RepeatScope scope) {
}
