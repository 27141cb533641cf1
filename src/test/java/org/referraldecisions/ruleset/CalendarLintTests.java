package org.referraldecisions.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;

/** lint warns from 60 days before an area's MARAC calendar runs out, relative to a "today" the test fixes. */
class CalendarLintTests {

    private static final LocalDate LAST_CLEVELAND_MEETING = LocalDate.of(2027, 12, 29);

    @Test
    void clevelandIsWarnedAboutFrom60DaysBeforeItsLastMeeting() {
        assertThat(Fixtures.catalog().versionsOf("cleveland").get(0).calendar().lastMeeting()).isEqualTo(LAST_CLEVELAND_MEETING);
        assertThat(RulesetLint.warnings(Fixtures.catalog(), LAST_CLEVELAND_MEETING.minusDays(61)))
                .noneMatch(w -> w.contains("cleveland's MARAC calendar"));
        assertThat(RulesetLint.warnings(Fixtures.catalog(), LAST_CLEVELAND_MEETING.minusDays(60)))
                .contains("rules/cleveland/calendar/2027.yaml: cleveland's MARAC calendar runs out on 2027-12-29; add "
                        + "rules/cleveland/calendar/2028.yaml with the coordinator's dates (after it, referred cases are decided without a meeting listed)");
        assertThat(RulesetLint.warnings(Fixtures.catalog(), LAST_CLEVELAND_MEETING.plusDays(1)))
                .anyMatch(w -> w.contains("runs out on 2027-12-29 (already past)"));
    }

    @Test
    void theBankHolidaysRunningOutAreWarnedAboutToo() {
        assertThat(RulesetLint.warnings(Fixtures.catalog(), LocalDate.of(2028, 11, 1)))
                .contains("rules/bank-holidays.yaml: the bank holidays run out on 2028-12-31; add 2029's from GOV.UK (working days after it cannot be counted)");
        assertThat(RulesetLint.warnings(Fixtures.catalog(), LocalDate.of(2028, 10, 1))).noneMatch(w -> w.contains("bank holidays run out"));
    }
}
