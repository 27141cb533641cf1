package org.referraldecisions.decision.facts;

/** Conclusion: something the protocol requires to happen next, who does it, and where it says so. */
public record RequiredAction(String code, String owner, String citation) {
}
