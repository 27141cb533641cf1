package org.referraldecisions.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;

import tools.jackson.databind.JsonNode;

/**
 * Which logged decisions a reviewer asks for: decided on or after {@code from} and on or before {@code to} (UTC
 * days, either open), of an area, of a rule set version, referred or not ({@code refer} null: either).
 */
public record LogQuery(LocalDate from, LocalDate to, String area, String version, Boolean refer) {

    public LogQuery {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** Says what was asked for, for the export's own log line. */
    public String describe() {
        return "decided " + (from == null ? "from the start" : "from " + from) + " " + (to == null ? "to now" : "to " + to)
                + ", area " + (area == null ? "any" : area) + ", version " + (version == null ? "any" : version)
                + (refer == null ? "" : refer ? ", referred" : ", not referred");
    }

    String whereClause() {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (from != null) {
            where.append(" AND decided_at >= ?");
        }
        if (to != null) {
            where.append(" AND decided_at < ?");
        }
        if (area != null) {
            where.append(" AND ruleset_area = ?");
        }
        if (version != null) {
            where.append(" AND ruleset_version = ?");
        }
        return where.toString();
    }

    Object[] parameters() {
        java.util.List<Object> values = new java.util.ArrayList<>();
        if (from != null) {
            values.add(from.atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            values.add(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (area != null) {
            values.add(area);
        }
        if (version != null) {
            values.add(version);
        }
        return values.toArray();
    }

    /** The outcome test, on the logged response (a purged record has none and never matches an outcome). */
    boolean outcomeMatches(JsonNode response) {
        return refer == null || response != null && response.path("marac").path("refer").asBoolean() == refer;
    }
}
