package org.referraldecisions.decision.facts;

/** Conclusion: the case is to be referred to, and heard at, MARAC. */
public record MaracReferral() {
}
