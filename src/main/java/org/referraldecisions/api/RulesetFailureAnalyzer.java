package org.referraldecisions.api;

import org.referraldecisions.ruleset.RulesetException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a rule set that will not load into a short start-up report: each file and line, and what to do. */
class RulesetFailureAnalyzer extends AbstractFailureAnalyzer<RulesetException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RulesetException cause) {
        return new FailureAnalysis(
                "The rule sets could not be loaded, so the service did not start:\n  " + String.join("\n  ", cause.problems()),
                "Fix the files named above (file:line), or point referrals.rules-dir at a good rules directory.",
                cause);
    }
}
