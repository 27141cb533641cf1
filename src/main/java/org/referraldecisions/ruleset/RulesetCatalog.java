package org.referraldecisions.ruleset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every compiled rule set, by area, ordered by the date each version came into force. Immutable:
 * a reload builds a new catalogue and swaps it in whole.
 */
public final class RulesetCatalog {

    private final Map<RulesetId, CompiledRuleset> byId;

    RulesetCatalog(List<CompiledRuleset> rulesets) {
        Map<RulesetId, CompiledRuleset> map = new TreeMap<>();
        rulesets.forEach(r -> map.put(r.id(), r));
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /** All rule sets, libraries included, sorted by area then version. */
    public List<CompiledRuleset> all() {
        return List.copyOf(byId.values());
    }

    public Optional<CompiledRuleset> find(RulesetId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The rule set that decides a case: the pinned version if given, otherwise the version of the
     * area in force on {@code asOf} (the latest {@code effectiveFrom} on or before it).
     */
    public CompiledRuleset select(String area, LocalDate asOf, String pinnedVersion) {
        List<CompiledRuleset> versions = versionsOf(area);
        if (versions.isEmpty()) {
            throw new UnknownRulesetException("no rule set for area '" + area + "'; known areas: " + areas());
        }
        if (pinnedVersion != null) {
            return versions.stream().filter(r -> r.id().version().equals(pinnedVersion)).findFirst()
                    .orElseThrow(() -> new UnknownRulesetException("no version '" + pinnedVersion + "' of area '" + area
                            + "'; known versions: " + versions.stream().map(r -> r.id().version()).toList()));
        }
        return versions.stream()
                .filter(r -> r.manifest().inForceOn(asOf))
                .max(Comparator.comparing(r -> r.manifest().effectiveFrom()))
                .orElseThrow(() -> new UnknownRulesetException("no version of area '" + area + "' is in force on " + asOf
                        + "; the earliest comes into force on " + versions.get(0).manifest().effectiveFrom()));
    }

    /** The decidable (non-library) versions of an area, oldest first. */
    public List<CompiledRuleset> versionsOf(String area) {
        List<CompiledRuleset> versions = new ArrayList<>();
        for (CompiledRuleset r : byId.values()) {
            if (r.id().area().equals(area) && !r.manifest().library()) {
                versions.add(r);
            }
        }
        versions.sort(Comparator.comparing(r -> r.manifest().effectiveFrom()));
        return versions;
    }

    public List<String> areas() {
        return byId.values().stream().filter(r -> !r.manifest().library()).map(r -> r.id().area()).distinct().toList();
    }
}
