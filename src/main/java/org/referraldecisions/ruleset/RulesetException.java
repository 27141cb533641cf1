package org.referraldecisions.ruleset;

import java.util.List;

/**
 * A rule set could not be read or compiled. Each problem names the file and, where the compiler
 * gives one, the line, so a policy owner can find it.
 */
public class RulesetException extends RuntimeException {

    private final List<String> problems;

    public RulesetException(List<String> problems) {
        super("Rule sets could not be loaded:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public RulesetException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
