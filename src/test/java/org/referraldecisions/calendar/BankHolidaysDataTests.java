package org.referraldecisions.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * rules/bank-holidays.yaml holds exactly the England and Wales bank holidays of 2016-2028: recomputed here from the
 * statutory pattern (Easter by the Gregorian computus, first and last Mondays, substitute days) and the one-off
 * changes GOV.UK announced, so a typing error in the data file fails the build.
 */
class BankHolidaysDataTests {

    @Test
    void theDataFileIsThePatternPlusTheAnnouncedChanges() throws Exception {
        List<String> problems = new ArrayList<>();
        BankHolidays loaded = CalendarReader.bankHolidays("rules/bank-holidays.yaml", Files.readString(Path.of("rules/bank-holidays.yaml")), problems);
        assertThat(problems).isEmpty();
        assertThat(loaded.from()).isEqualTo("2016-01-01");
        assertThat(loaded.to()).isEqualTo("2028-12-31");
        TreeSet<LocalDate> expected = new TreeSet<>();
        for (int year = 2016; year <= 2028; year++) {
            expected.addAll(pattern(year));
        }
        expected.remove(LocalDate.of(2020, 5, 4));   // early May 2020 moved to VE day
        expected.add(LocalDate.of(2020, 5, 8));
        expected.add(LocalDate.of(2023, 5, 8));      // coronation of King Charles III
        expected.remove(LocalDate.of(2022, 5, 30));  // spring 2022 moved for the Platinum Jubilee
        expected.add(LocalDate.of(2022, 6, 2));
        expected.add(LocalDate.of(2022, 6, 3));
        expected.add(LocalDate.of(2022, 9, 19));     // State Funeral of Queen Elizabeth II
        assertThat(loaded.dates()).containsExactlyElementsOf(expected);
    }

    @Test
    void spotChecksAgainstGovUk() throws Exception {
        BankHolidays h = CalendarReader.bankHolidays("b", Files.readString(Path.of("rules/bank-holidays.yaml")), new ArrayList<>());
        assertThat(h.dates()).contains(LocalDate.of(2016, 12, 27), LocalDate.of(2017, 1, 2), LocalDate.of(2021, 12, 27),
                LocalDate.of(2021, 12, 28), LocalDate.of(2022, 1, 3), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 8, 31), LocalDate.of(2026, 12, 28), LocalDate.of(2027, 12, 27), LocalDate.of(2027, 12, 28),
                LocalDate.of(2028, 1, 3));
        assertThat(h.dates()).doesNotContain(LocalDate.of(2020, 5, 4), LocalDate.of(2022, 5, 30), LocalDate.of(2026, 12, 26));
    }

    private static List<LocalDate> pattern(int year) {
        List<LocalDate> days = new ArrayList<>();
        days.add(weekday(LocalDate.of(year, 1, 1)));
        LocalDate easter = easter(year);
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        days.add(LocalDate.of(year, 5, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, 8, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        LocalDate christmas = weekday(LocalDate.of(year, 12, 25));
        days.add(christmas);
        LocalDate boxing = weekday(LocalDate.of(year, 12, 26));
        days.add(boxing.isAfter(christmas) ? boxing : weekday(christmas.plusDays(1)));
        return days;
    }

    private static LocalDate weekday(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Anonymous Gregorian computus (Meeus/Jones/Butcher). */
    private static LocalDate easter(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        return LocalDate.of(y, (h + l - 7 * m + 114) / 31, ((h + l - 7 * m + 114) % 31) + 1);
    }
}
