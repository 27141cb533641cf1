package org.referraldecisions.decision.facts;

import java.time.LocalDate;

/**
 * Conclusion: the date by which a required action (by its code) must be done, where its paragraph gives a time
 * (24 hours, N working days, N days before the meeting). Worked out in the DRL; the decision shows it as the
 * action's {@code dueBy}.
 */
public record ActionDue(String code, LocalDate dueBy) {
}
