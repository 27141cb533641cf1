package org.referraldecisions.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One area's MARAC meetings and the bank holidays its working days skip: a fact the rules use, read from
 * {@code rules/<area>/calendar/*.yaml} and {@code rules/bank-holidays.yaml}. It answers questions about dates
 * and never decides anything: which meeting a case is listed at, how many working days before it a referral
 * must arrive and what a late one means are the rule set's (DRL, with its named parameters).
 *
 * <p>Every method answers {@code null} when the answer lies beyond what is loaded (after the last meeting, or in
 * a year whose bank holidays are not known), so a rule written {@code Meeting() from $calendar.nextMeeting(...)}
 * simply does not match and the case is decided without a listing: no calendar, no guess.
 */
public final class MaracCalendar {

    /** An area with no calendar: no meetings, no known bank holidays. */
    public static final MaracCalendar NONE = new MaracCalendar("", Set.of(), List.of(), Set.of(), BankHolidays.NONE, "");

    private final String area;
    private final Set<Integer> years;
    private final NavigableMap<LocalDate, List<Meeting>> meetingsByDate;
    private final List<Meeting> meetings;
    private final Set<String> localities;
    private final BankHolidays bankHolidays;
    private final String sha256;

    /**
     * @param years        the years the coordinator has given the meetings of (one calendar file each): outside them
     *                     nothing is known, so no meeting is ever found there
     * @param meetings     the area's meetings, in date order
     * @param localities   every locality name the area's calendar files declare
     * @param sha256       the SHA-256 of the calendar files and the bank holidays it was read from
     */
    public MaracCalendar(String area, Set<Integer> years, List<Meeting> meetings, Set<String> localities, BankHolidays bankHolidays,
                         String sha256) {
        this.area = area;
        this.years = Collections.unmodifiableSet(new TreeSet<>(years));
        this.meetings = List.copyOf(meetings);
        this.localities = Collections.unmodifiableSet(new TreeSet<>(localities));
        this.bankHolidays = bankHolidays;
        this.sha256 = sha256;
        NavigableMap<LocalDate, List<Meeting>> byDate = new TreeMap<>();
        for (Meeting m : this.meetings) {
            byDate.merge(m.date(), List.of(m), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        }
        this.meetingsByDate = Collections.unmodifiableNavigableMap(byDate);
    }

    public String area() {
        return area;
    }

    /** Every meeting, in date order. */
    public List<Meeting> meetings() {
        return meetings;
    }

    /** The locality names a request may give for this area. */
    public Set<String> localities() {
        return localities;
    }

    public boolean hasLocality(String locality) {
        return localities.contains(locality);
    }

    public BankHolidays bankHolidays() {
        return bankHolidays;
    }

    /** The first meeting loaded, or null when the area has no calendar. */
    public LocalDate firstMeeting() {
        return meetingsByDate.isEmpty() ? null : meetingsByDate.firstKey();
    }

    /** The last meeting loaded: no case is listed at a meeting after it. Null when the area has no calendar. */
    public LocalDate lastMeeting() {
        return meetingsByDate.isEmpty() ? null : meetingsByDate.lastKey();
    }

    /** SHA-256 of the files this calendar was read from (the area's calendar files, then the bank holidays). */
    public String sha256() {
        return sha256;
    }

    /** The years whose meetings are loaded. */
    public Set<Integer> years() {
        return years;
    }

    /**
     * The first meeting for {@code locality} strictly after {@code date} (a meeting held that day has long passed
     * its referral cut-off); null if it is not known: the date's year has no calendar loaded, or no meeting for the
     * locality follows it before a year with no calendar (a meeting is never guessed across a year nobody listed).
     */
    public Meeting nextMeeting(LocalDate date, String locality) {
        if (date == null || locality == null || !years.contains(date.getYear())) {
            return null;
        }
        for (List<Meeting> onDay : meetingsByDate.tailMap(date, false).values()) {
            for (Meeting m : onDay) {
                for (int year = date.getYear() + 1; year <= m.date().getYear(); year++) {
                    if (!years.contains(year)) {
                        return null;
                    }
                }
                if (m.locality().equals(locality)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The meeting for the same locality after this one; null if the calendar has none. */
    public Meeting followingMeeting(Meeting meeting) {
        return meeting == null ? null : nextMeeting(meeting.date(), meeting.locality());
    }

    /** Monday to Friday and not a bank holiday; null when the date's bank holidays are not known. */
    public Boolean isWorkingDay(LocalDate date) {
        if (date == null || !bankHolidays.covers(date)) {
            return null;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !bankHolidays.isBankHoliday(date);
    }

    /**
     * The working day that is {@code workingDays} working days before {@code date}: counting back one working day
     * at a time, skipping weekends and bank holidays (5 working days before Wednesday 17 June 2026 is Wednesday
     * 10 June). Null if the count reaches a year whose bank holidays are not known.
     */
    public LocalDate workingDaysBefore(LocalDate date, int workingDays) {
        return step(date, workingDays, -1);
    }

    /**
     * The working day that is {@code workingDays} working days after {@code date} (2 working days after Friday
     * 3 April 2026, Good Friday, is Wednesday 8 April: Easter Monday is skipped). Null beyond known bank holidays.
     */
    public LocalDate addWorkingDays(LocalDate date, int workingDays) {
        return step(date, workingDays, 1);
    }

    /**
     * The last day of a period of {@code hours} hours starting on {@code date}, for a protocol that gives a time
     * in hours to a case known only by its date: 24 hours from a referral made on 15 June is 16 June.
     */
    public LocalDate dayWithinHours(LocalDate date, int hours) {
        return date == null ? null : date.plusDays(-Math.floorDiv(-hours, 24));
    }

    private LocalDate step(LocalDate date, int workingDays, int direction) {
        if (date == null || workingDays < 0) {
            return null;
        }
        LocalDate day = date;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(direction);
            Boolean working = isWorkingDay(day);
            if (working == null) {
                return null;
            }
            if (working) {
                counted++;
            }
        }
        return day;
    }

    @Override
    public String toString() {
        return "MaracCalendar[" + area + ", " + meetings.size() + " meetings " + firstMeeting() + ".." + lastMeeting() + "]";
    }
}
