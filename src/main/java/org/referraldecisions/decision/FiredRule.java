package org.referraldecisions.decision;

import java.util.List;

import org.referraldecisions.ruleset.RulesetId;

/** One rule that fired: its name, the rule set it belongs to, the paragraphs it cites and why it exists. */
public record FiredRule(String rule, RulesetId ruleset, List<String> citations, String explanation) {

    public FiredRule {
        citations = List.copyOf(citations);
    }
}
