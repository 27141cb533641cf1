package org.referraldecisions.decision.facts;

/** Relationship of the victim to the perpetrator, in the words of the domestic-abuse definition. */
public enum Relationship {
    CURRENT_PARTNER, EX_PARTNER, FAMILY_MEMBER, OTHER
}
