package org.referraldecisions.decision.facts;

/** The grounds on which a case meets the MARAC referral threshold. */
public enum MaracGround {
    VISIBLE_HIGH_RISK, POTENTIAL_ESCALATION, PROFESSIONAL_JUDGEMENT, REPEAT
}
