package org.referraldecisions.ruleset;

import java.util.List;

/**
 * One compiled rule as a review board sees it: its name, the rule set that defines it, the protocol
 * paragraphs it cites, its plain-English explanation, its phase (salience) and the file it is in.
 */
public record RuleInfo(String name, RulesetId ruleset, List<String> citations, String explanation, int salience, String file) {

    public RuleInfo {
        citations = List.copyOf(citations);
    }
}
