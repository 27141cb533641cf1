package org.referraldecisions.golden;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.referraldecisions.decision.RuleLimits;
import org.referraldecisions.service.DecisionRecorder;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetException;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;

/**
 * Reloads the rule sets from disk only if they are safe: every file compiles, every golden case
 * decides as expected against the new rules, and every rule is fired by a golden case. Then the new
 * catalogue is swapped in at once; otherwise the running rules keep serving and the report says why.
 * One reload at a time.
 *
 * <p>Golden cases are decided within the same {@link RuleLimits} as the service's decisions. A rule set
 * that loops is stopped at them and refused naming the rules that looped; the cases after the first such
 * stop are not run, so one looping rule set costs one run up to the limits, not one per case.
 */
public final class GatedReload {

    /** What a reload did: whether it swapped, the rule sets it loaded, and every reason it refused. */
    @Schema(name = "ReloadReport")
    public record Report(boolean swapped, List<String> rulesets, int casesRun, int casesPassed, List<String> problems) {

        public Report {
            rulesets = List.copyOf(rulesets);
            problems = List.copyOf(problems);
        }
    }

    private final RulesetRegistry registry;
    private final Path rulesDir;
    private final Path casesDir;
    private final DecisionRequestReader reader;
    private final Clock clock;
    private final RuleLimits limits;
    private final int compileThreads;

    /** Within the default rule limits, compiling on one thread per processor (the command line). */
    public GatedReload(RulesetRegistry registry, Path rulesDir, Path casesDir, DecisionRequestReader reader, Clock clock) {
        this(registry, rulesDir, casesDir, reader, clock, RuleLimits.DEFAULT, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param limits         what each golden case may cost before its rule set is refused as looping
     * @param compileThreads how many threads compile the candidate rule sets
     */
    public GatedReload(RulesetRegistry registry, Path rulesDir, Path casesDir, DecisionRequestReader reader, Clock clock,
                       RuleLimits limits, int compileThreads) {
        this.registry = registry;
        this.rulesDir = rulesDir;
        this.casesDir = casesDir;
        this.reader = reader;
        this.clock = clock;
        this.limits = limits;
        this.compileThreads = compileThreads;
    }

    public synchronized Report reload() {
        Checked checked = checkRules();
        if (checked.catalog() != null && checked.report().problems().isEmpty()) {
            registry.swap(checked.catalog());
            Report r = checked.report();
            return new Report(true, r.rulesets(), r.casesRun(), r.casesPassed(), List.of());
        }
        return checked.report();
    }

    /** Compiles and tests the rules on disk without swapping them in. */
    public Report check() {
        return checkRules().report();
    }

    private record Checked(RulesetCatalog catalog, Report report) {
    }

    private Checked checkRules() {
        RulesetCatalog catalog;
        try {
            catalog = RulesetLoader.load(rulesDir, compileThreads);
        } catch (RulesetException e) {
            return new Checked(null, new Report(false, List.of(), 0, 0, e.problems()));
        }
        List<String> problems = new ArrayList<>();
        List<GoldenCase> goldenCases = GoldenCaseLoader.load(casesDir, problems);
        DecisionService candidate = new DecisionService(new RulesetRegistry(catalog), clock, () -> UUID.randomUUID().toString(),
                DecisionRecorder.NONE, limits);
        GoldenRunner runner = new GoldenRunner(reader, candidate);
        List<GoldenOutcome> outcomes = new ArrayList<>(goldenCases.size());
        for (GoldenCase goldenCase : goldenCases) {
            GoldenOutcome outcome = runner.run(goldenCase);
            outcomes.add(outcome);
            if (outcome.stoppedAtARuleLimit()) {
                break;
            }
        }
        problems.addAll(GoldenRunner.failures(outcomes));
        if (outcomes.size() < goldenCases.size()) {
            problems.add((goldenCases.size() - outcomes.size()) + " later golden cases were not run: a rule set that loops is refused at its first case");
        } else {
            RuleCoverage.uncovered(catalog, outcomes).forEach(rule -> problems.add("no golden case fires " + rule));
        }
        int passed = (int) outcomes.stream().filter(GoldenOutcome::passed).count();
        List<String> ids = catalog.all().stream().map(r -> r.id() + " " + r.sha256()).toList();
        return new Checked(catalog, new Report(false, ids, outcomes.size(), passed, problems));
    }
}
