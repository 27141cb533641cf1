package org.referraldecisions.decision.facts;

/** Conclusion: the case meets this MARAC referral ground. */
public record Ground(MaracGround ground) {
}
