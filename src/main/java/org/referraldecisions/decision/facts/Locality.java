package org.referraldecisions.decision.facts;

/**
 * The locality of the area whose MARAC hears the case, as the area's calendar names it (Cleveland: North Tees,
 * South Tees). Present only when the caller gave it; already checked against the area's calendar.
 */
public record Locality(String name) {
}
