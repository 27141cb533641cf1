package org.referraldecisions.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenOutcome;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.ruleset.CompiledRulesCache;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;

/**
 * What a long command is doing, for a person at a terminal: a line per rule set compiled and per 100 cases.
 * Silent when the output is piped (then {@code lines} is null), so scripts see only the result.
 */
final class Progress {

    private final PrintStream lines;

    Progress(PrintStream lines) {
        this.lines = lines;
    }

    /** Compiles the rule sets of {@code areas} (and what they include); every rule set when {@code areas} is null. */
    RulesetCatalog load(Path rules, Set<String> areas) {
        say("compiling " + (areas == null ? "every rule set" : "the rule sets of " + String.join(", ", areas)) + " under " + rules + " ...");
        long started = System.nanoTime();
        CompiledRulesCache cache = CompiledRulesCache.current();
        int readBefore = cache.read();
        int compiledBefore = cache.compiled();
        RulesetCatalog catalog = RulesetLoader.load(rules, areas, id -> say("  ready " + id));
        say(String.format("%d rule sets ready in %.1f s (%d compiled, %d unchanged since compiled and read from the cache)",
                catalog.all().size(), (System.nanoTime() - started) / 1e9, cache.compiled() - compiledBefore, cache.read() - readBefore));
        return catalog;
    }

    /** Runs the cases in order, with a line every 100. */
    List<GoldenOutcome> run(GoldenRunner runner, List<GoldenCase> cases) {
        List<GoldenOutcome> outcomes = new ArrayList<>(cases.size());
        for (GoldenCase c : cases) {
            outcomes.add(runner.run(c));
            tick(outcomes.size(), cases.size(), "cases");
        }
        return outcomes;
    }

    /** A line after every 100th of {@code total} things done. */
    void tick(int done, int total, String what) {
        if (done > 0 && done % 100 == 0 && done < total) {
            say("  " + done + " of " + total + " " + what + " decided");
        }
    }

    void say(String line) {
        if (lines != null) {
            synchronized (lines) {
                lines.println(line);
            }
        }
    }
}
