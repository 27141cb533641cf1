package org.referraldecisions.golden;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RuleInfo;
import org.referraldecisions.ruleset.RulesetCatalog;

/**
 * Which rules no golden case fires. A rule of a library (such as {@code common}) is covered when
 * the golden cases of any rule set that includes it fire it; a rule of an area version must be fired
 * through that version. A library version no rule set includes yet (a revision being prepared) can be
 * fired by nothing, so it is not counted until an area version includes it.
 */
public final class RuleCoverage {

    private RuleCoverage() {
    }

    /** Each uncovered rule as {@code ruleset: "rule name" (file)}. */
    public static List<String> uncovered(RulesetCatalog catalog, List<GoldenOutcome> outcomes) {
        Set<String> fired = new HashSet<>();
        for (GoldenOutcome outcome : outcomes) {
            DecisionResponseV1 decision = outcome.decision();
            if (decision != null) {
                decision.firedRules().forEach(r -> fired.add(r.ruleset() + " " + r.rule()));
            }
        }
        Set<String> included = new HashSet<>();
        catalog.all().forEach(r -> r.manifest().includes().forEach(i -> included.add(i.toString())));
        Set<String> reported = new HashSet<>();
        List<String> uncovered = new ArrayList<>();
        for (CompiledRuleset ruleset : catalog.all()) {
            if (ruleset.manifest().library() && !included.contains(ruleset.id().toString())) {
                continue;
            }
            for (RuleInfo rule : ruleset.rules()) {
                String key = rule.ruleset() + " " + rule.name();
                if (!fired.contains(key) && reported.add(key)) {
                    uncovered.add(rule.ruleset() + ": \"" + rule.name() + "\" (" + rule.file() + ")");
                }
            }
        }
        return uncovered;
    }
}
