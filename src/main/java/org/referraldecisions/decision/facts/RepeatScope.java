package org.referraldecisions.decision.facts;

/**
 * Which further incidents make a repeat MARAC case. {@code CRIMINAL_BEHAVIOUR}: the CAADA definition,
 * behaviour that would be criminal if reported (violence or threats, a pattern of stalking or
 * harassment, rape or sexual abuse). {@code ANY_FURTHER_ABUSE}: SafeLives' wider definition, any
 * further instance of abuse between the same victim and perpetrator.
 */
public enum RepeatScope {
    CRIMINAL_BEHAVIOUR, ANY_FURTHER_ABUSE
}
