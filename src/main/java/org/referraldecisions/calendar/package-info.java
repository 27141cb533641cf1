/**
 * MARAC meeting calendars and England and Wales bank holidays: the dates the rules list a case at and count
 * working days over. Plain data read from {@code rules/<area>/calendar/<year>.yaml} and
 * {@code rules/bank-holidays.yaml}; which meeting a case goes to, and every figure, is decided in the DRL.
 * Depends on nothing else of the service and never on Spring.
 */
package org.referraldecisions.calendar;
