package org.referraldecisions.decision.facts;

/** Conclusion: the MAPPA management level the rules recommend (1, 2 or 3). */
public record MappaLevel(int level) {
}
