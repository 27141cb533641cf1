package org.referraldecisions.decision.facts;

import java.time.LocalDate;

/**
 * Conclusion: something the protocol requires to happen next, who does it, and where it says so; {@code dueBy}
 * is filled in from an {@link ActionDue} when the rules give the action a date (rules insert actions without one).
 */
public record RequiredAction(String code, String owner, String citation, LocalDate dueBy) {

    public RequiredAction(String code, String owner, String citation) {
        this(code, owner, citation, null);
    }

    /** This action due by the given date. */
    public RequiredAction withDueBy(LocalDate date) {
        return new RequiredAction(code, owner, citation, date);
    }
}
