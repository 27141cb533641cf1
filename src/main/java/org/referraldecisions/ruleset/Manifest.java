package org.referraldecisions.ruleset;

import java.time.LocalDate;
import java.util.List;

/**
 * A rule set's {@code ruleset.yaml}: which area and version it is, when it is in force, what it
 * includes, and which protocol documents it implements. A {@code library} (such as {@code common})
 * is never decided on its own; it is included by area rule sets.
 */
public record Manifest(
        String area,
        String version,
        boolean library,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        List<RulesetId> includes,
        List<String> sources,
        String description) {

    public Manifest {
        includes = List.copyOf(includes);
        sources = List.copyOf(sources);
    }

    public RulesetId id() {
        return new RulesetId(area, version);
    }

    /** Whether this rule set is in force on the given date. */
    public boolean inForceOn(LocalDate date) {
        return !library && !effectiveFrom.isAfter(date) && (effectiveTo == null || !effectiveTo.isBefore(date));
    }
}
