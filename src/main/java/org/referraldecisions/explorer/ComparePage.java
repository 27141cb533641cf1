package org.referraldecisions.explorer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.referraldecisions.audit.ReviewService;
import org.referraldecisions.golden.ImpactAnalysis;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Compare two versions of an area: the impact analysis decides every golden case of the area under both and lists each case whose
 * decision changes, with what changed, and how many cases change per kind of change; if asked, the area's logged
 * decisions of a date range too (read through {@link ReviewReads}, naming who read them). Nothing is recorded.
 */
@Controller
class ComparePage {

    /** Most logged decisions one comparison decides (twice each) on a request thread; the diff command takes whole logs. */
    static final int MAX_LOGGED = 2000;

    private final RulesetRegistry registry;
    private final GoldenCorpus golden;
    private final ReviewReads reads;

    ComparePage(RulesetRegistry registry, GoldenCorpus golden, ReviewReads reads) {
        this.registry = registry;
        this.golden = golden;
        this.reads = reads;
    }

    @GetMapping("/explorer/compare")
    String form(Model model) {
        return page(model, null, null);
    }

    @PostMapping("/explorer/compare")
    String compare(@RequestParam String from, @RequestParam String to, @RequestParam(defaultValue = "false") boolean includeLog,
                   @RequestParam(defaultValue = "") String logFrom, @RequestParam(defaultValue = "") String logTo,
                   Authentication who, Model model) {
        RulesetId a = decidable(from);
        RulesetId b = decidable(to);
        model.addAttribute("includeLog", includeLog);
        model.addAttribute("logFrom", logFrom);
        model.addAttribute("logTo", logTo);
        if (a == null || b == null || !a.area().equals(b.area())) {
            model.addAttribute("problem", "Choose two versions of the same area.");
            return page(model, from, to);
        }
        if (a.equals(b)) {
            model.addAttribute("problem", "Choose two different versions.");
            return page(model, from, to);
        }
        List<ImpactAnalysis.NamedRequest> corpus = new ArrayList<>(golden.requests(a.area()));
        int goldenCases = corpus.size();
        if (includeLog) {
            LocalDate start = date(logFrom);
            LocalDate end = date(logTo);
            if (start == null || (!logTo.isBlank() && end == null) || (end != null && end.isBefore(start))) {
                model.addAttribute("problem", "To include the decision log, give the first day decided (YYYY-MM-DD) and, if you like, the last, not before it.");
                return page(model, from, to);
            }
            ReviewService.Corpus logged = reads.corpus(who.getName(), a.area(), start, end, MAX_LOGGED);
            logged.requests().forEach(r -> corpus.add(new ImpactAnalysis.NamedRequest("decision log " + r.decisionId(), r.request())));
            model.addAttribute("logged", logged);
        }
        model.addAttribute("goldenCases", goldenCases);
        model.addAttribute("report", golden.impactAnalysis().compare(a, b, corpus));
        return page(model, from, to);
    }

    private static LocalDate date(String text) {
        try {
            return text.isBlank() ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String page(Model model, String from, String to) {
        List<String> versions = registry.current().all().stream().filter(r -> !r.manifest().library()).map(CompiledRuleset::id)
                .map(RulesetId::toString).toList();
        model.addAttribute("versions", versions);
        model.addAttribute("maxLogged", MAX_LOGGED);
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
