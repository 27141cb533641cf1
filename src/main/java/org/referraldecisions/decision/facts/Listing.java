package org.referraldecisions.decision.facts;

import java.time.LocalDate;

import org.referraldecisions.calendar.Meeting;

/**
 * Conclusion: where and by when a referred case is heard. Either a scheduled meeting (its date and locality, the
 * referral deadline for it, whether the referral was too late for the next meeting and what that means in this
 * area), or an emergency hearing (the date by which it is convened instead of a listed meeting). Every date is
 * worked out in the DRL from the area's {@link org.referraldecisions.calendar.MaracCalendar} and parameters.
 *
 * @param meetingDate       the meeting the case should be heard at; null for an emergency hearing
 * @param locality          the locality that meeting serves (the case's locality)
 * @param referralDeadline  the last day the referral may arrive for that meeting; null for an emergency hearing
 * @param late              whether the referral missed the deadline of the next meeting; null for an emergency hearing
 * @param lateMeans         what a late referral means in this area (e.g. heard at the following meeting unless the chair
 *                          agrees otherwise); null when not late
 * @param emergencyDeadline the date by which an emergency hearing is held; null for a listed meeting
 * @param citation          the paragraph(s) the listing follows
 */
public record Listing(LocalDate meetingDate, String locality, LocalDate referralDeadline, Boolean late, String lateMeans,
                      LocalDate emergencyDeadline, String citation) {

    /** Listed at a meeting in time: the referral arrives by the meeting's deadline. */
    public static Listing onTime(Meeting meeting, LocalDate referralDeadline, String citation) {
        return new Listing(meeting.date(), meeting.locality(), referralDeadline, false, null, null, citation);
    }

    /** Too late for the next meeting: listed at {@code meeting} (the one the area's rules chose), and what that means. */
    public static Listing late(Meeting meeting, LocalDate referralDeadline, String lateMeans, String citation) {
        return new Listing(meeting.date(), meeting.locality(), referralDeadline, true, lateMeans, null, citation);
    }

    /** An emergency hearing, held by {@code deadline} instead of at a listed meeting. */
    public static Listing emergency(LocalDate deadline, String locality, String citation) {
        return new Listing(null, locality, null, null, null, deadline, citation);
    }
}
