package org.referraldecisions.explorer;

import java.util.List;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Compare two versions of an area: the impact analysis decides every golden case of the area under both and lists each case whose
 * decision changes, with what changed, and how many cases change per kind of change. Nothing is recorded.
 */
@Controller
class ComparePage {

    private final RulesetRegistry registry;
    private final GoldenCorpus golden;

    ComparePage(RulesetRegistry registry, GoldenCorpus golden) {
        this.registry = registry;
        this.golden = golden;
    }

    @GetMapping("/explorer/compare")
    String form(Model model) {
        return page(model, null, null);
    }

    @PostMapping("/explorer/compare")
    String compare(@RequestParam String from, @RequestParam String to, Model model) {
        RulesetId a = decidable(from);
        RulesetId b = decidable(to);
        if (a == null || b == null || !a.area().equals(b.area())) {
            model.addAttribute("problem", "Choose two versions of the same area.");
        } else if (a.equals(b)) {
            model.addAttribute("problem", "Choose two different versions.");
        } else {
            model.addAttribute("report", golden.impactAnalysis().compare(a, b, golden.requests(a.area())));
        }
        return page(model, from, to);
    }

    private String page(Model model, String from, String to) {
        List<String> versions = registry.current().all().stream().filter(r -> !r.manifest().library()).map(CompiledRuleset::id)
                .map(RulesetId::toString).toList();
        model.addAttribute("versions", versions);
        model.addAttribute("from", from != null ? from : versions.contains("cleveland@2017-10") ? "cleveland@2017-10" : null);
        model.addAttribute("to", to != null ? to : versions.contains("cleveland@2026-04") ? "cleveland@2026-04" : null);
        return "explorer/compare";
    }

    /** The id if it names a loaded, decidable rule set; else null. */
    private RulesetId decidable(String text) {
        try {
            RulesetId id = RulesetId.parse(text);
            return registry.current().find(id).filter(r -> !r.manifest().library()).map(CompiledRuleset::id).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
