package org.referraldecisions.calendar;

import java.time.LocalDate;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The England and Wales bank holidays of the years {@code from}..{@code to} (both whole years), as listed in
 * {@code rules/bank-holidays.yaml}. Outside those years nothing is known, so no working day is counted there.
 */
public record BankHolidays(LocalDate from, LocalDate to, NavigableSet<LocalDate> dates) {

    /** No bank holidays known for any day: every working-day sum answers "unknown". */
    public static final BankHolidays NONE = new BankHolidays(null, null, new TreeSet<>());

    public BankHolidays {
        dates = Collections.unmodifiableNavigableSet(new TreeSet<>(dates));
    }

    /** Whether the bank holidays of this date's year are known. */
    public boolean covers(LocalDate date) {
        return from != null && !date.isBefore(from) && !date.isAfter(to);
    }

    public boolean isBankHoliday(LocalDate date) {
        return dates.contains(date);
    }
}
