package org.referraldecisions.decision.facts;

/** Answers to the MAPPA referral checklist (Cleveland Appendix 6). */
public record MappaScreening(
        int agenciesNeeded,
        boolean policeAndProbationInvolved,
        boolean currentActiveRisk,
        boolean addsValue,
        boolean mediaOrPublicInterest,
        boolean seniorResourcesNeeded) {
}
