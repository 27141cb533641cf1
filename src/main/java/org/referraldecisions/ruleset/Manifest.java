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
        List<Source> sources,
        String description) {

    public Manifest {
        includes = List.copyOf(includes);
        sources = List.copyOf(sources);
    }

    /** The date of the newest source: nothing dated later may be relied on by a rule set including this one. */
    public java.util.Optional<LocalDate> dated() {
        return sources.stream().map(Source::dated).filter(java.util.Objects::nonNull).max(LocalDate::compareTo);
    }

    public RulesetId id() {
        return new RulesetId(area, version);
    }

    /** Whether this rule set is in force on the given date. */
    public boolean inForceOn(LocalDate date) {
        return !library && !effectiveFrom.isAfter(date) && (effectiveTo == null || !effectiveTo.isBefore(date));
    }
}
