package org.referraldecisions.decision.facts;

/** An answer on the DASH risk identification checklist. Only {@code YES} is a tick. */
public enum DashAnswer {
    YES, NO, DONT_KNOW
}
