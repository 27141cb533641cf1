package org.referraldecisions.decision.facts;

/** How a referred case is heard. */
public enum HearingType {
    STANDARD, CLOSED_SESSION, EMERGENCY, NONE
}
