package org.referraldecisions.decision.facts;

/**
 * The DASH checklist as the rules see it: how many answers are ticks ({@code YES}), how many are
 * {@code DONT_KNOW}, and whether any risk factor relates to abuse in the last three months
 * ({@code null} when the referrer did not say).
 */
public record DashAssessment(int ticks, int dontKnow, int answered, int questions, Boolean riskWithinLastThreeMonths) {
}
