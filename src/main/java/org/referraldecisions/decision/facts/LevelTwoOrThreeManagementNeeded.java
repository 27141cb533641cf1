package org.referraldecisions.decision.facts;

/**
 * Working conclusion of the MAPPA level rules: steps 2, 3 and 4 of the MAPPA referral checklist are all
 * met, so the offender needs level 2 or 3 management. Not part of the response; the rule that concludes
 * it is in the trace.
 */
public record LevelTwoOrThreeManagementNeeded() {
}
