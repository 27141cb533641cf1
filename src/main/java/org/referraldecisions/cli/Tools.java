package org.referraldecisions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    static int diff(Options o, DecisionRequestReader reader, PrintStream out) throws IOException {
        if (o.get("from") == null || o.get("to") == null) {
            throw new IllegalArgumentException("diff needs --from area@version and --to area@version");
        }
        RulesetId from = RulesetId.parse(o.get("from"));
        RulesetId to = RulesetId.parse(o.get("to"));
        RulesetCatalog catalog = RulesetLoader.load(o.rules());
        for (RulesetId id : List.of(from, to)) {
            catalog.find(id).orElseThrow(() -> new org.referraldecisions.ruleset.UnknownRulesetException("no rule set " + id + " under " + o.rules()));
        }
        List<ImpactAnalysis.NamedRequest> requests = new ArrayList<>();
        if (o.get("corpus") == null || o.get("cases") != null) {
            for (GoldenCase c : GoldenCaseLoader.load(o.cases(), new ArrayList<>())) {
                if (from.area().equals(c.request().path("area").asString())) {
                    requests.add(new ImpactAnalysis.NamedRequest(c.name(), c.request()));
                }
            }
        }
        if (o.get("corpus") != null) {
            int line = 0;
            for (String text : Files.readAllLines(Path.of(o.get("corpus")))) {
                line++;
                if (!text.isBlank()) {
                    JsonNode node = JSON.readTree(text);
                    requests.add(new ImpactAnalysis.NamedRequest(o.get("corpus") + ":" + line, node.has("request") ? node.get("request") : node));
                }
            }
        }
        ImpactAnalysis.Report report = new ImpactAnalysis(reader, Cli.service(catalog)).compare(from, to, requests);
        if (o.json()) {
            out.println(JSON.writeValueAsString(report));
            return 0;
        }
        out.println("Impact of " + from + " -> " + to + ": " + report.changed().size() + " of " + report.casesDecided()
                + " cases decided differently");
        for (ImpactAnalysis.CaseImpact impact : report.changed()) {
            out.println("\n" + impact.caseName());
            impact.changes().forEach(c -> out.println("    " + c.field() + ": " + c.from() + " -> " + c.to()));
        }
        report.skipped().forEach(s -> out.println("skipped " + s));
        out.println("\nChanges per field:");
        if (report.changesPerField().isEmpty()) {
            out.println("    none");
        }
        report.changesPerField().forEach((field, n) -> out.println("    " + field + ": " + n));
        return 0;
    }

    static int coverage(Options o, DecisionRequestReader reader, PrintStream out) {
        RulesetCatalog catalog = RulesetLoader.load(o.rules());
        List<GoldenCase> cases = GoldenCaseLoader.load(o.cases(), new ArrayList<>());
        List<GoldenOutcome> outcomes = new GoldenRunner(reader, Cli.service(catalog)).runAll(cases);
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
            out.println("\nThresholds (cases on both sides, at the boundary):");
            thresholds.forEach(t -> out.println("  " + t));
            out.println();
            uncovered.forEach(u -> out.println("UNCOVERED " + u));
            out.println(uncovered.size() + " rules fired by no golden case; "
                    + thresholds.stream().filter(t -> !t.covered()).count() + " of " + thresholds.size() + " thresholds without cases on both sides");
        }
        return uncovered.isEmpty() ? 0 : 1;
    }

    static int lint(Options o, PrintStream out) {
        List<String> problems = RulesetLint.lint(o.rules());
        if (o.json()) {
            out.println(JSON.writeValueAsString(Map.of("problems", problems)));
        } else {
            problems.forEach(p -> out.println("LINT " + p));
            out.println(problems.isEmpty() ? "no problems" : problems.size() + " problems");
        }
        return problems.isEmpty() ? 0 : 1;
    }

}
