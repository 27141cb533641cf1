package org.referraldecisions.service;

/** One offending field in a request: its path (e.g. {@code victim.age}, {@code policeIncidents[2].date}) and what is wrong. */
public record FieldError(String field, String message) {
}
