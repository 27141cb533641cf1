package org.referraldecisions.decision.facts;

/** Conclusion: something the reader of the decision should know, e.g. answers that were not known. */
public record Warning(String text) {
}
