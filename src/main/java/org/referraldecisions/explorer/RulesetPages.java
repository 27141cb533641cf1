package org.referraldecisions.explorer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RuleInfo;
import org.referraldecisions.ruleset.RulesetFiles;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rule sets for reviewers: every area and version with its dates and hash; one rule set's rules with their
 * citations, explanations and the golden cases that fire them; its DRL source, read-only. Rule set names are in
 * the URL: they are not case data.
 */
@Controller
class RulesetPages {

    /** A rule as listed: what the catalogue knows of it, and the golden cases that fire it. */
    public record Rule(RuleInfo info, List<String> firedBy) {
    }

    private final RulesetRegistry registry;
    private final GoldenCorpus golden;

    RulesetPages(RulesetRegistry registry, GoldenCorpus golden) {
        this.registry = registry;
        this.golden = golden;
    }

    @GetMapping("/explorer/rulesets")
    String list(Model model) {
        model.addAttribute("rulesets", registry.current().all());
        return "explorer/rulesets";
    }

    @GetMapping("/explorer/rulesets/{area}/{version}")
    String one(@PathVariable String area, @PathVariable String version, Model model) {
        CompiledRuleset ruleset = find(area, version);
        model.addAttribute("ruleset", ruleset);
        model.addAttribute("rules", ruleset.rules().stream().map(r -> new Rule(r, golden.firing(r.ruleset().toString(), r.name()))).toList());
        return "explorer/ruleset";
    }

    @GetMapping("/explorer/rulesets/{area}/{version}/source")
    String source(@PathVariable String area, @PathVariable String version, Model model) {
        CompiledRuleset ruleset = find(area, version);
        Map<String, String> files = new LinkedHashMap<>();
        for (RulesetFiles f : ruleset.files()) {
            String from = f.manifest().id().toString();
            files.put(from + " ruleset.yaml", f.manifestText());
            f.drl().forEach((name, text) -> files.put(from + " " + name, text));
        }
        model.addAttribute("ruleset", ruleset);
        model.addAttribute("files", files);
        return "explorer/source";
    }

    private CompiledRuleset find(String area, String version) {
        return registry.current().find(new RulesetId(area, version))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rule set " + area + "@" + version));
    }
}
