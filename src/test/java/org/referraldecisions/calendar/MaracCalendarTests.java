package org.referraldecisions.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Working-day arithmetic skips weekends and bank holidays, and answers null rather than guess beyond what is loaded. */
class MaracCalendarTests {

    private static final BankHolidays HOLIDAYS = new BankHolidays(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31), new java.util.TreeSet<>(Set.of(
            LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 8, 31),
            LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 1))));

    private static MaracCalendar calendar(Set<Integer> years, Meeting... meetings) {
        return new MaracCalendar("cleveland", years, List.of(meetings), Set.of("North Tees", "South Tees"), HOLIDAYS, "x");
    }

    private static final MaracCalendar EMPTY = calendar(Set.of(2026, 2027));

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void workingDaysBackSkipWeekendsAndBankHolidays() {
        assertThat(EMPTY.workingDaysBefore(d("2026-06-17"), 5)).isEqualTo("2026-06-10"); // one weekend
        assertThat(EMPTY.workingDaysBefore(d("2026-04-08"), 5)).isEqualTo("2026-03-30"); // Easter Monday, Good Friday
        assertThat(EMPTY.workingDaysBefore(d("2026-09-02"), 5)).isEqualTo("2026-08-25"); // August bank holiday
        assertThat(EMPTY.workingDaysBefore(d("2026-12-30"), 5)).isEqualTo("2026-12-21"); // Christmas and its substitute
        assertThat(EMPTY.workingDaysBefore(d("2027-01-06"), 5)).isEqualTo("2026-12-29"); // New Year's Day, across the year end
        assertThat(EMPTY.workingDaysBefore(d("2026-06-17"), 0)).isEqualTo("2026-06-17");
    }

    @Test
    void workingDaysForwardSkipWeekendsAndBankHolidays() {
        assertThat(EMPTY.addWorkingDays(d("2026-04-03"), 2)).isEqualTo("2026-04-08");
        assertThat(EMPTY.addWorkingDays(d("2026-06-12"), 1)).isEqualTo("2026-06-15");
        assertThat(EMPTY.addWorkingDays(d("2026-12-24"), 1)).isEqualTo("2026-12-29");
        assertThat(EMPTY.isWorkingDay(d("2026-08-31"))).isFalse();
        assertThat(EMPTY.isWorkingDay(d("2026-09-01"))).isTrue();
    }

    @Test
    void workingDaysBeyondTheKnownBankHolidaysAreNotGuessed() {
        assertThat(EMPTY.addWorkingDays(d("2027-12-30"), 2)).isNull();
        assertThat(EMPTY.workingDaysBefore(d("2026-01-02"), 2)).isNull();
        assertThat(EMPTY.isWorkingDay(d("2028-01-04"))).isNull();
    }

    @Test
    void hoursCountFromTheDayOfTheReferral() {
        assertThat(EMPTY.dayWithinHours(d("2026-06-05"), 24)).isEqualTo("2026-06-06");
        assertThat(EMPTY.dayWithinHours(d("2026-06-05"), 25)).isEqualTo("2026-06-07");
        assertThat(EMPTY.dayWithinHours(d("2026-06-05"), 0)).isEqualTo("2026-06-05");
    }

    @Test
    void theNextMeetingIsTheLocalitysFirstStrictlyAfterTheDate() {
        MaracCalendar c = calendar(Set.of(2026), new Meeting(d("2026-06-10"), "South Tees"), new Meeting(d("2026-06-17"), "North Tees"),
                new Meeting(d("2026-06-24"), "South Tees"), new Meeting(d("2026-07-01"), "North Tees"));
        assertThat(c.nextMeeting(d("2026-06-10"), "South Tees")).isEqualTo(new Meeting(d("2026-06-24"), "South Tees"));
        assertThat(c.nextMeeting(d("2026-06-09"), "South Tees")).isEqualTo(new Meeting(d("2026-06-10"), "South Tees"));
        assertThat(c.followingMeeting(new Meeting(d("2026-06-17"), "North Tees"))).isEqualTo(new Meeting(d("2026-07-01"), "North Tees"));
        assertThat(c.nextMeeting(d("2026-07-01"), "North Tees")).as("after the last meeting").isNull();
        assertThat(c.nextMeeting(d("2026-06-10"), "Rugby")).isNull();
    }

    @Test
    void noMeetingIsGuessedInOrAcrossAYearWithNoCalendar() {
        MaracCalendar c = calendar(Set.of(2026, 2028), new Meeting(d("2026-12-30"), "North Tees"), new Meeting(d("2028-01-05"), "North Tees"));
        assertThat(c.nextMeeting(d("2025-06-01"), "North Tees")).as("before the first year loaded").isNull();
        assertThat(c.nextMeeting(d("2026-12-30"), "North Tees")).as("across 2027, not loaded").isNull();
        assertThat(c.nextMeeting(d("2026-12-01"), "North Tees")).isEqualTo(new Meeting(d("2026-12-30"), "North Tees"));
    }
}
