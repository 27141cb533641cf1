package org.referraldecisions.decision.facts;

/** Conclusion: the MAPP meeting takes the lead over MARAC. */
public record MappaLeads() {
}
