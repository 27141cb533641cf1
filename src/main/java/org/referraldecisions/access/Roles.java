package org.referraldecisions.access;

/** The roles a key or token carries (README "Access control"). */
public final class Roles {

    /** Decides cases. */
    public static final String CALLER = "CALLER";
    /** Reads rule sets and the decision log, replays and verifies. */
    public static final String REVIEWER = "REVIEWER";
    /** Reloads the rules. */
    public static final String POLICY_ADMIN = "POLICY_ADMIN";
    /** Reads the operational metrics (/actuator/prometheus, /actuator/metrics): counts and timings, no case data. */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
