package org.referraldecisions.decision.facts;

import java.time.LocalDate;

/** The last MARAC referral of this victim, where there was one. */
public record PreviousMaracReferral(LocalDate date, String area) {
}
