package org.referraldecisions.calendar;

import java.time.LocalDate;

/** One scheduled MARAC meeting: its date and the locality it serves, as the area's coordinator listed it. */
public record Meeting(LocalDate date, String locality) {
}
