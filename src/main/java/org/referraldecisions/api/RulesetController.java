package org.referraldecisions.api;

import java.time.LocalDate;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import java.net.URI;

import org.referraldecisions.audit.ReloadLog;
import org.referraldecisions.calendar.MaracCalendar;
import org.referraldecisions.golden.GatedReload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RuleInfo;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.Source;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What rules are loaded: every rule set with its hash and dates, and each rule with its citations. */
@RestController
class RulesetController {

    record RulesetSummary(String area, String version, String kind, LocalDate effectiveFrom, LocalDate effectiveTo,
                          String sha256, int ruleCount, List<String> includes, List<String> sources, String description,
                          List<SourceSummary> sourceDocuments, Map<String, Integer> parameters, CalendarSummary calendar) {
    }

    /**
     * An area's MARAC calendar as loaded (absent for a library): the first and last meeting (no case is listed after
     * the last), its localities, the years of bank holidays known, and the SHA-256 of the calendar files and bank
     * holidays (which the rule set's own sha256 also covers).
     */
    record CalendarSummary(LocalDate firstMeeting, LocalDate lastMeeting, int meetings, List<String> localities,
                           LocalDate bankHolidaysFrom, LocalDate bankHolidaysTo, String sha256) {
    }

    /** A protocol document as the manifest lists it: the short name citations begin with, the file, its date. */
    record SourceSummary(String cite, String document, LocalDate dated, boolean national) {
    }

    record RuleSummary(String name, String ruleset, List<String> citations, String explanation, int phase, String file) {
    }

    record RuleList(String area, String version, String sha256, List<RuleSummary> rules) {
    }

    private static final Logger log = LoggerFactory.getLogger(RulesetController.class);

    private final RulesetRegistry registry;
    private final ReloadRunner reload;
    private final ReloadLog reloads;
    private final Clock clock;

    RulesetController(RulesetRegistry registry, ReloadRunner reload, ReloadLog reloads, Clock clock) {
        this.registry = registry;
        this.reload = reload;
        this.reloads = reloads;
        this.clock = clock;
    }

    /**
     * Compiles the rule sets on disk and runs every golden case against them; swaps them in only if
     * all pass. Refused: 422 problem+json listing each file:line, failing case or looping rule; the old rules
     * keep serving. Runs on the reload thread; 409 if a reload is already running.
     */
    @PostMapping("/v1/rulesets/reload")
    ResponseEntity<?> reload(Principal who) throws InterruptedException {
        String by = who == null ? "unknown" : who.getName();
        List<String> before = serving();
        GatedReload.Report report;
        try {
            report = reload.reload();
        } catch (RuntimeException refused) {
            audit(by, false, before, before, refused.getMessage());
            throw refused;
        }
        audit(by, report.swapped(), before, report.swapped() ? serving() : before,
                report.swapped() ? report.casesPassed() + " of " + report.casesRun() + " golden cases passed" : String.join("\n", report.problems()));
        if (report.swapped()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "the rules on disk were not swapped in; the running rules keep serving");
        problem.setTitle("Reload refused");
        problem.setType(URI.create("urn:referral-decisions:problem:reload_refused"));
        problem.setProperty("code", "reload_refused");
        problem.setProperty("problems", report.problems());
        problem.setProperty("casesRun", report.casesRun());
        problem.setProperty("casesPassed", report.casesPassed());
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Every reload, accepted or refused, newest first: who, when, the rule sets before and after, and why. */
    @GetMapping("/v1/rulesets/reloads")
    List<ReloadLog.Entry> reloads(@RequestParam(defaultValue = "100") int limit) {
        return reloads.newest(Math.max(1, Math.min(limit, 1000)));
    }

    /** The rule sets serving now, each as {@code area@version sha256}. */
    private List<String> serving() {
        return registry.current().all().stream().map(r -> r.id() + " " + r.sha256()).toList();
    }

    private void audit(String by, boolean accepted, List<String> before, List<String> after, String reason) {
        List<String> added = after.stream().filter(r -> !before.contains(r)).toList();
        List<String> removed = before.stream().filter(r -> !after.contains(r)).toList();
        log.info("rules reload {} by {}: {} rule sets now serving; swapped in {}, out {}{}", accepted ? "accepted" : "refused", by, after.size(),
                added, removed, accepted ? "" : "; reason: " + reason.lines().findFirst().orElse(""));
        reloads.record(clock.instant(), by, accepted, before, after, reason);
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
                r.manifest().includes().stream().map(RulesetId::toString).toList(),
                r.manifest().sources().stream().map(Source::document).toList(), r.manifest().description(),
                r.manifest().sources().stream().map(s -> new SourceSummary(s.cite(), s.document(), s.dated(), s.national())).toList(),
                r.parameters().values(), calendar(r));
    }

    private static CalendarSummary calendar(CompiledRuleset r) {
        if (r.manifest().library()) {
            return null;
        }
        MaracCalendar c = r.calendar();
        return new CalendarSummary(c.firstMeeting(), c.lastMeeting(), c.meetings().size(), List.copyOf(c.localities()),
                c.bankHolidays().from(), c.bankHolidays().to(), c.sha256());
    }

    private static RuleSummary rule(RuleInfo info) {
        return new RuleSummary(info.name(), info.ruleset().toString(), info.citations(), info.explanation(), info.salience(), info.file());
    }
}
