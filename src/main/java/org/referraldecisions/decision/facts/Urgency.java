package org.referraldecisions.decision.facts;

/** Features that may make a case need an emergency MARAC rather than the next scheduled one. */
public record Urgency(boolean significantRiskOfHarm, boolean escalatingAbuse, boolean possibleHomicide, boolean riskToChildren) {
}
