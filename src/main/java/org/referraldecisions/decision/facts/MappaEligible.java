package org.referraldecisions.decision.facts;

/** Conclusion: the offender is eligible for MAPPA even where no category has been assessed (e.g. already managed under MAPPA). */
public record MappaEligible() {
}
