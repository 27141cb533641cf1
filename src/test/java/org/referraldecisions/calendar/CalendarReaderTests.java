package org.referraldecisions.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A calendar is checked like a rule set: every bad entry is refused with its file and line. */
class CalendarReaderTests {

    private static final String HOLIDAYS = """
            division: england-and-wales
            source: https://www.gov.uk/bank-holidays
            covers: { from: 2026-01-01, to: 2026-12-31 }
            dates:
              - { date: 2026-01-01, name: "New Year's Day" }
              - { date: 2026-04-03, name: "Good Friday" }
              - { date: 2026-04-06, name: "Easter Monday" }
            """;

    private static List<String> problems(String calendar) {
        List<String> problems = new ArrayList<>();
        CalendarReader.read("cleveland", Map.of("cleveland/calendar/2026.yaml", calendar), HOLIDAYS, "rules", problems);
        return problems;
    }

    private static String calendar(String... meetings) {
        return "area: cleveland\nyear: 2026\nlocalities: [North Tees, South Tees]\nmeetings:\n" + String.join("\n", meetings) + "\n";
    }

    @Test
    void aGoodCalendarLoadsWithItsLocalitiesAndCoverage() {
        List<String> problems = new ArrayList<>();
        MaracCalendar c = CalendarReader.read("cleveland", Map.of("cleveland/calendar/2026.yaml", calendar(
                "  - { date: 2026-04-01, locality: South Tees }", "  - { date: 2026-04-08, locality: North Tees }")), HOLIDAYS, "rules", problems);
        assertThat(problems).isEmpty();
        assertThat(c.localities()).containsExactly("North Tees", "South Tees");
        assertThat(c.firstMeeting()).isEqualTo("2026-04-01");
        assertThat(c.lastMeeting()).isEqualTo("2026-04-08");
        assertThat(c.sha256()).hasSize(64);
    }

    @Test
    void aMeetingOnABankHolidayIsRefusedWithFileAndLine() {
        assertThat(problems(calendar("  - { date: 2026-04-01, locality: South Tees }", "  - { date: 2026-04-03, locality: North Tees }")))
                .containsExactly("rules/cleveland/calendar/2026.yaml:6: 2026-04-03 is a bank holiday; a MARAC meets on a working day");
    }

    @Test
    void aMeetingOnAWeekendIsRefused() {
        assertThat(problems(calendar("  - { date: 2026-04-04, locality: South Tees }")))
                .containsExactly("rules/cleveland/calendar/2026.yaml:5: 2026-04-04 is a Saturday; a MARAC meets on a working day");
    }

    @Test
    void aBadDateIsRefusedWithItsLineAndTheRestStillChecked() {
        assertThat(problems(calendar("  - { date: 2026-02-30, locality: South Tees }", "  - { date: 2026-5-6, locality: North Tees }",
                "  - { date: 2027-01-06, locality: North Tees }")))
                .containsExactly("rules/cleveland/calendar/2026.yaml:5: '2026-02-30' is not a date (YYYY-MM-DD)",
                        "rules/cleveland/calendar/2026.yaml:6: '2026-5-6' is not a date (YYYY-MM-DD)",
                        "rules/cleveland/calendar/2026.yaml:7: 2027-01-06 is not in 2026; it belongs in 2027.yaml");
    }

    @Test
    void unknownLocalityOrderAndDuplicatesAreRefused() {
        assertThat(problems(calendar("  - { date: 2026-04-08, locality: Redcar }", "  - { date: 2026-04-01, locality: North Tees }",
                "  - { date: 2026-04-01, locality: North Tees }")))
                .containsExactly("rules/cleveland/calendar/2026.yaml:5: locality 'Redcar' is not one of this file's localities [North Tees, South Tees]",
                        "rules/cleveland/calendar/2026.yaml:6: 2026-04-01 is out of order (after 2026-04-08); list meetings by date",
                        "rules/cleveland/calendar/2026.yaml:7: 2026-04-01 North Tees is listed twice");
    }

    @Test
    void aYearWithoutBankHolidaysAFileNamedForAnotherYearAndUnknownKeysAreRefused() {
        List<String> problems = new ArrayList<>();
        CalendarReader.read("cleveland", Map.of("cleveland/calendar/2026.yaml",
                "area: cleveland\nyear: 2027\nlocality: [North Tees]\nmeetings: []\n"), HOLIDAYS, "rules", problems);
        assertThat(problems).containsExactly(
                "rules/cleveland/calendar/2026.yaml:3: unknown key 'locality' (allowed: area, localities, meetings, year)",
                "rules/cleveland/calendar/2026.yaml:2: the calendar for 2027 must be named 2027.yaml",
                "rules/cleveland/calendar/2026.yaml:2: the bank holidays of 2027 are not known (bank-holidays.yaml covers 2026-2026); add them before this year's meetings");
    }

    @Test
    void bankHolidaysOnAWeekendOrOutOfOrderAreRefused() {
        List<String> problems = new ArrayList<>();
        CalendarReader.bankHolidays("rules/bank-holidays.yaml", """
                source: https://www.gov.uk/bank-holidays
                covers: { from: 2026-01-01, to: 2026-12-31 }
                dates:
                  - { date: 2026-12-26, name: "Boxing Day" }
                  - { date: 2026-12-25, name: "Christmas Day" }
                """, problems);
        assertThat(problems).containsExactly(
                "rules/bank-holidays.yaml:4: 2026-12-26 is a Saturday; a bank holiday (or its substitute day) is a Monday to Friday",
                "rules/bank-holidays.yaml:5: 2026-12-25 is out of order (after 2026-12-26)");
    }

    @Test
    void theRepositorysCalendarsAndBankHolidaysLoadClean() throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var list = Files.list(Path.of("rules/cleveland/calendar"))) {
            for (Path f : list.toList()) {
                files.put("cleveland/calendar/" + f.getFileName(), Files.readString(f));
            }
        }
        List<String> problems = new ArrayList<>();
        MaracCalendar c = CalendarReader.read("cleveland", files, Files.readString(Path.of("rules/bank-holidays.yaml")), "rules", problems);
        assertThat(problems).isEmpty();
        assertThat(c.firstMeeting()).isBeforeOrEqualTo(LocalDate.of(2026, 1, 7));
        assertThat(c.lastMeeting()).isAfterOrEqualTo(LocalDate.of(2027, 12, 1));
    }
}
