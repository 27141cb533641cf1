package org.referraldecisions.decision.facts;

/** The concerns a practitioner may give for a professional-judgement referral (Cleveland 8.2.3). */
public enum JudgementGround {
    ESCALATION, FREQUENCY, LACK_OF_PROTECTIVE_FACTORS, EXTREME_FEAR, BARRIERS_TO_DISCLOSURE, OTHER
}
