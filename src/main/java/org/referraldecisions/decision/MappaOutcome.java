package org.referraldecisions.decision;

/** What the rules concluded about MAPPA: eligibility, category, recommended level and whether the MAPP meeting leads. */
public record MappaOutcome(boolean eligible, Integer category, Integer recommendedLevel, boolean leads) {
}
