package org.referraldecisions.ruleset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks of a rules directory beyond compiling: every rule cites a known protocol document and
 * explains itself, sits in a documented phase, and each area's versions neither overlap nor leave
 * a gap between their effective dates. (Unique names, valid manifests and present citations are
 * already enforced by loading.)
 */
public final class RulesetLint {

    /** The seed documents' short names, as citations must begin. */
    static final Set<String> DOCUMENTS = Set.of("Cleveland", "Warwickshire", "Lincolnshire", "Lancashire MAPPA", "MAPPA training 2016");
    /** The phases documented in rules/README.md. */
    static final Set<Integer> PHASES = Set.of(100, 95, 90, 85, 80, 70, 60, 50, 45, 40, 10);

    private RulesetLint() {
    }

    /** Every problem found; empty when the rules are clean. Load errors are returned as problems too. */
    public static List<String> lint(Path rulesDir) {
        RulesetCatalog catalog;
        try {
            catalog = RulesetLoader.load(rulesDir);
        } catch (RulesetException e) {
            return e.problems();
        }
        List<String> problems = new ArrayList<>();
        for (CompiledRuleset ruleset : catalog.all()) {
            for (RuleInfo rule : ruleset.rules()) {
                if (!rule.ruleset().equals(ruleset.id())) {
                    continue; // an included rule is checked with its own rule set
                }
                for (String citation : rule.citations()) {
                    if (DOCUMENTS.stream().noneMatch(d -> citation.startsWith(d + " "))) {
                        problems.add(rule.file() + ": rule \"" + rule.name() + "\" cites \"" + citation
                                + "\", which names no known document " + DOCUMENTS);
                    }
                }
                if (rule.explanation().length() < 20) {
                    problems.add(rule.file() + ": rule \"" + rule.name() + "\" has too short an explanation to help a review board");
                }
                if (!PHASES.contains(rule.salience())) {
                    problems.add(rule.file() + ": rule \"" + rule.name() + "\" has salience " + rule.salience()
                            + ", which is not a documented phase " + PHASES);
                }
            }
        }
        for (String area : catalog.areas()) {
            List<CompiledRuleset> versions = catalog.versionsOf(area);
            for (int i = 1; i < versions.size(); i++) {
                Manifest earlier = versions.get(i - 1).manifest();
                Manifest later = versions.get(i).manifest();
                if (earlier.effectiveFrom().equals(later.effectiveFrom())) {
                    problems.add(area + ": " + earlier.id() + " and " + later.id() + " both come into force on " + later.effectiveFrom());
                } else if (earlier.effectiveTo() != null && !earlier.effectiveTo().plusDays(1).equals(later.effectiveFrom())) {
                    problems.add(area + ": " + earlier.id() + " ends " + earlier.effectiveTo() + " but " + later.id() + " starts "
                            + later.effectiveFrom() + (earlier.effectiveTo().isBefore(later.effectiveFrom()) ? " (a gap)" : " (an overlap)"));
                }
            }
            Manifest last = versions.get(versions.size() - 1).manifest();
            if (last.effectiveTo() != null) {
                problems.add(area + ": the latest version " + last.id() + " ends " + last.effectiveTo() + "; no version is in force after it");
            }
        }
        return problems;
    }
}
