package org.referraldecisions.ruleset;

/** No rule set matches the request's area, version or date. */
public class UnknownRulesetException extends RuntimeException {

    public UnknownRulesetException(String message) {
        super(message);
    }
}
