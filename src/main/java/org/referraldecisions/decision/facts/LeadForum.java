package org.referraldecisions.decision.facts;

/** Which multi-agency forum leads on the case. */
public enum LeadForum {
    MARAC, MAPPA, NONE
}
