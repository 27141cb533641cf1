package org.referraldecisions.decision.facts;

/** The basis on which the victim's information may be shared with MARAC. */
public enum SharingBasis {
    CONSENT, WITHOUT_CONSENT, MUST_NOT_FORWARD, NOT_APPLICABLE
}
