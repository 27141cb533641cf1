package org.referraldecisions.decision.facts;

import java.time.LocalDate;

/** A domestic-abuse incident involving this victim that was reported to the police. */
public record PoliceIncident(LocalDate date) {
}
