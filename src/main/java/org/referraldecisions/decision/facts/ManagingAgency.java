package org.referraldecisions.decision.facts;

/** The agency actively managing the offender, if any. */
public enum ManagingAgency {
    POLICE, PROBATION, YOS, MENTAL_HEALTH, NONE
}
