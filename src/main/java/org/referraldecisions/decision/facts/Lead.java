package org.referraldecisions.decision.facts;

/** Conclusion: which forum leads. */
public record Lead(LeadForum forum) {
}
