package org.referraldecisions.decision.facts;

/**
 * Answers to a MAPPA referral checklist (for example Cleveland Appendix 6). Any answer may be {@code null}:
 * not known; an unknown answer never counts as "no".
 */
public record MappaScreening(
        Integer agenciesNeeded,
        Boolean policeAndProbationInvolved,
        Boolean currentActiveRisk,
        Boolean addsValue,
        Boolean mediaOrPublicInterest,
        Boolean seniorResourcesNeeded) {
}
