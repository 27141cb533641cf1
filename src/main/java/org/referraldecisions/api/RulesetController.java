package org.referraldecisions.api;

import java.time.LocalDate;
import java.util.List;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RuleInfo;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What rules are loaded: every rule set with its hash and dates, and each rule with its citations. */
@RestController
class RulesetController {

    record RulesetSummary(String area, String version, String kind, LocalDate effectiveFrom, LocalDate effectiveTo,
                          String sha256, int ruleCount, List<String> includes, List<String> sources, String description) {
    }

    record RuleSummary(String name, String ruleset, List<String> citations, String explanation, int phase, String file) {
    }

    record RuleList(String area, String version, String sha256, List<RuleSummary> rules) {
    }

    private final RulesetRegistry registry;

    RulesetController(RulesetRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/v1/rulesets")
    List<RulesetSummary> rulesets() {
        return registry.current().all().stream().map(RulesetController::summary).toList();
    }

    @GetMapping("/v1/rulesets/{area}/{version}/rules")
    RuleList rules(@PathVariable String area, @PathVariable String version) {
        CompiledRuleset r = registry.current().find(new RulesetId(area, version))
                .orElseThrow(() -> new UnknownRulesetException("no rule set " + area + "@" + version));
        return new RuleList(area, version, r.sha256(), r.rules().stream().map(RulesetController::rule).toList());
    }

    private static RulesetSummary summary(CompiledRuleset r) {
        return new RulesetSummary(r.id().area(), r.id().version(), r.manifest().library() ? "library" : "area",
                r.manifest().effectiveFrom(), r.manifest().effectiveTo(), r.sha256(), r.rules().size(),
                r.manifest().includes().stream().map(RulesetId::toString).toList(), r.manifest().sources(),
                r.manifest().description());
    }

    private static RuleSummary rule(RuleInfo info) {
        return new RuleSummary(info.name(), info.ruleset().toString(), info.citations(), info.explanation(), info.salience(), info.file());
    }
}
