package org.referraldecisions.decision.facts;

/** Conclusion: the case falls within the area's definition of domestic abuse, so MARAC thresholds apply. */
public record DomesticAbuseCase() {
}
