package org.referraldecisions.decision.facts;

import java.time.LocalDate;

/** When the abuse was disclosed, or the risk assessment done; present only when the caller gave it. Never after {@link AsOf}. */
public record Disclosure(LocalDate date) {
}
