package org.referraldecisions.decision.facts;

/**
 * A working conclusion of an area's own MAPPA referral procedure: a step of it is known to fail, so the
 * offender does not need multi-agency management at level 2 or 3. The national rules read it to recommend
 * level 1 (categories 1 and 2) or management outside MAPPA (category 3); an area with no such procedure
 * concludes neither this nor {@link LevelTwoOrThreeManagementNeeded}, and no level is recommended.
 */
public record LevelTwoOrThreeManagementNotNeeded() {
}
