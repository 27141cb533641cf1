package org.referraldecisions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.referraldecisions.service.CaseFactsMapper;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.InvalidRequestException;
import org.referraldecisions.decision.CaseFacts;
import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenCaseLoader;
import org.referraldecisions.golden.GoldenOutcome;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.golden.ImpactAnalysis;
import org.referraldecisions.golden.RuleCoverage;
import org.referraldecisions.golden.ThresholdCoverage;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RuleInfo;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetFiles;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.RulesetLint;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The policy owners' analysis commands: {@code diff}, {@code coverage} and {@code lint}. */
final class Tools {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Tools() {
    }

    static int coverage(Options o, DecisionRequestReader reader, Progress progress, PrintStream out) {
        List<GoldenCase> cases = GoldenCaseLoader.load(o.cases(), new ArrayList<>());
        // Over the whole cases tree every rule set must be covered, even one no case reaches yet; over one
        // area's cases (--cases test-cases/cleveland), that area's rule sets and what they include.
        RulesetCatalog catalog = progress.load(o.rules(), o.get("cases") == null ? null : Cli.areasOf(cases));
        List<GoldenOutcome> outcomes = progress.run(new GoldenRunner(reader, Cli.service(catalog)), cases);
        Map<String, List<String>> casesByRule = new TreeMap<>();
        Map<String, List<CaseFacts>> factsByRuleset = new LinkedHashMap<>();
        for (GoldenOutcome outcome : outcomes) {
            if (outcome.decision() == null) {
                continue;
            }
            String ruleset = outcome.decision().ruleset().area() + "@" + outcome.decision().ruleset().version();
            outcome.decision().firedRules().forEach(r -> casesByRule.computeIfAbsent(r.ruleset() + " " + r.rule(), k -> new ArrayList<>())
                    .add(outcome.goldenCase().name()));
            try {
                factsByRuleset.computeIfAbsent(ruleset, k -> new ArrayList<>())
                        .add(CaseFactsMapper.toFacts(reader.read(GoldenRunner.requestOf(outcome.goldenCase()))));
            } catch (InvalidRequestException e) {
                // a refusal case has no facts
            }
        }
        List<String> uncovered = RuleCoverage.uncovered(catalog, outcomes);
        Map<RulesetId, RulesetFiles> files = new LinkedHashMap<>();
        RulesetReader.readAll(o.rules()).forEach(f -> files.put(f.manifest().id(), f));
        List<ThresholdCoverage.Threshold> thresholds = new ArrayList<>();
        for (CompiledRuleset ruleset : catalog.all()) {
            // An area's own thresholds are covered by its own cases; a library's by the cases of every area including it.
            List<CaseFacts> facts = new ArrayList<>();
            if (ruleset.manifest().library()) {
                catalog.all().stream().filter(r -> r.manifest().includes().contains(ruleset.id()))
                        .forEach(r -> facts.addAll(factsByRuleset.getOrDefault(r.id().toString(), List.of())));
                if (facts.isEmpty()) {
                    continue; // included by no rule set yet: nothing can reach its thresholds
                }
            } else {
                facts.addAll(factsByRuleset.getOrDefault(ruleset.id().toString(), List.of()));
            }
            Map<String, String> drl = new LinkedHashMap<>();
            files.get(ruleset.id()).drl().forEach((name, text) -> drl.put(ruleset.id().area() + "/" + ruleset.id().version() + "/" + name,
                    ruleset.parameters().inline(text)));
            thresholds.addAll(ThresholdCoverage.check(drl, facts));
        }
        if (o.json()) {
            out.println(JSON.writeValueAsString(Map.of("casesByRule", casesByRule, "uncoveredRules", uncovered,
                    "thresholds", thresholds.stream().map(t -> Map.of("where", t.file(), "threshold", t.expression(),
                            "covered", t.covered(), "meetsAt", t.meetsAt(), "failsAt", t.failsAt())).toList())));
        } else {
            for (CompiledRuleset ruleset : catalog.all()) {
                out.println(ruleset.id() + (ruleset.manifest().library() ? " (library: fired through the areas that include it)" : ""));
                for (RuleInfo rule : ruleset.rules()) {
                    if (rule.ruleset().equals(ruleset.id())) {
                        List<String> by = casesByRule.getOrDefault(rule.ruleset() + " " + rule.name(), List.of());
                        out.println(String.format("  %4d cases  %s", by.size(), rule.name()));
                    }
                }
            }
            out.println("\nThresholds (a case on each side, at the boundary):");
            thresholds.forEach(t -> out.println("  " + t));
            out.println();
            uncovered.forEach(u -> out.println("UNCOVERED " + u));
            thresholds.stream().filter(t -> !t.covered()).forEach(t -> out.println("UNCOVERED " + t));
            out.println(uncovered.size() + " rules fired by no golden case; "
                    + thresholds.stream().filter(t -> !t.covered()).count() + " of " + thresholds.size() + " thresholds uncovered");
        }
        return uncovered.isEmpty() && thresholds.stream().allMatch(ThresholdCoverage.Threshold::covered) ? 0 : 1;
    }

    static int lint(Options o, PrintStream out) {
        return lint(o, out, LocalDate.now(DecisionRequestReader.UK));
    }

    /** As above, with "today" given: warnings about calendars running out are relative to it. */
    static int lint(Options o, PrintStream out, LocalDate today) {
        List<String> problems = RulesetLint.lint(o.rules());
        List<String> warnings = problems.isEmpty() ? RulesetLint.warnings(o.rules(), today) : List.of();
        if (o.json()) {
            out.println(JSON.writeValueAsString(Map.of("problems", problems, "warnings", warnings)));
        } else {
            problems.forEach(p -> out.println("LINT " + p));
            warnings.forEach(w -> out.println("WARN " + w));
            out.println((problems.isEmpty() ? "no problems" : problems.size() + " problems")
                    + (warnings.isEmpty() ? "" : "; " + warnings.size() + " warnings"));
        }
        return problems.isEmpty() ? 0 : 1;
    }

}
