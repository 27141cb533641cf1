package org.referraldecisions.explorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenCaseLoader;
import org.referraldecisions.golden.GoldenOutcome;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.golden.ImpactAnalysis;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionService;

/**
 * The golden cases ({@code referrals.cases-dir}) as the explorer uses them: requests to prefill the form with, the
 * corpus a comparison of versions decides, and which cases fire each rule. Decided by a {@link DecisionService} that
 * records nothing (golden cases are about nobody); the firing index is worked out once per loaded catalogue.
 */
final class GoldenCorpus {

    private final Path casesDir;
    private final RulesetRegistry registry;
    private final DecisionRequestReader reader;
    private final DecisionService unrecorded;
    private RulesetCatalog indexedFor;
    private Map<String, List<String>> casesByRule = Map.of();

    GoldenCorpus(Path casesDir, RulesetRegistry registry, DecisionRequestReader reader, DecisionService unrecorded) {
        this.casesDir = casesDir;
        this.registry = registry;
        this.reader = reader;
        this.unrecorded = unrecorded;
    }

    /** Every golden case, sorted by file name (read afresh, so a case added on disk shows at once). */
    List<GoldenCase> cases() {
        return GoldenCaseLoader.load(casesDir, new ArrayList<>());
    }

    Optional<GoldenCase> named(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The requests of the golden cases about an area (as their {@code area} says), for an impact analysis of its versions. */
    List<ImpactAnalysis.NamedRequest> requests(String area) {
        return cases().stream().filter(c -> area.equals(c.request().path("area").asString(null)))
                .map(c -> new ImpactAnalysis.NamedRequest(c.name(), c.request())).toList();
    }

    ImpactAnalysis impactAnalysis() {
        return new ImpactAnalysis(reader, unrecorded);
    }

    /** The golden cases that fire a rule, keyed {@code area@version rule name}. */
    synchronized List<String> firing(String ruleset, String rule) {
        RulesetCatalog catalog = registry.current();
        if (catalog != indexedFor) {
            Map<String, List<String>> index = new LinkedHashMap<>();
            for (GoldenOutcome outcome : new GoldenRunner(reader, unrecorded).runAll(cases())) {
                if (outcome.decision() != null) {
                    outcome.decision().firedRules().stream().map(f -> f.ruleset() + " " + f.rule()).distinct()
                            .forEach(key -> index.computeIfAbsent(key, k -> new ArrayList<>()).add(outcome.goldenCase().name()));
                }
            }
            casesByRule = index;
            indexedFor = catalog;
        }
        return casesByRule.getOrDefault(ruleset + " " + rule, List.of());
    }
}
