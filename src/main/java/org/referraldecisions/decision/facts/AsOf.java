package org.referraldecisions.decision.facts;

import java.time.LocalDate;

/** The date the decision is made for; every date window in the rules is measured back from it. */
public record AsOf(LocalDate date) {
}
