package org.referraldecisions.decision.facts;

/** Conclusion: the offender is eligible for MAPPA in this category (1, 2 or 3). */
public record MappaCategory(int category) {
}
