package org.referraldecisions.decision.facts;

/** Present when the MARAC's protective measures are judged insufficient for future defensibility. */
public record MaracPlanInsufficient() {
}
