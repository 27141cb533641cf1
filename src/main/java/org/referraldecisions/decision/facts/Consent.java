package org.referraldecisions.decision.facts;

/**
 * The victim's consent to sharing. {@code stated} is false when the referrer sent no consent
 * section; the rules then treat consent as not given, which is the protective reading.
 */
public record Consent(boolean victimAware, boolean consentGiven, boolean significantConcern, boolean stated) {
}
