package org.referraldecisions.decision;

/**
 * The rules reached two different answers to a question that has one answer (e.g. two hearing
 * types). This is a defect in the rule set, never in the request; golden cases exist to catch it.
 */
public class RuleConflictException extends RuntimeException {

    public RuleConflictException(String message) {
        super(message);
    }
}
