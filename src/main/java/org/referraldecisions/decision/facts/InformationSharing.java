package org.referraldecisions.decision.facts;

/** Conclusion: the basis for sharing information. */
public record InformationSharing(SharingBasis basis) {
}
