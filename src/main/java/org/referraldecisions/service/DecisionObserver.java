package org.referraldecisions.service;

/**
 * Told of every decision the service makes for a caller (not warm-up rehearsals, not replays): for
 * operational metrics and the per-decision log line. It is given the rule set, the response and the time
 * the decision took, and must never record or log case data (the caseRef, the request).
 */
@FunctionalInterface
public interface DecisionObserver {

    DecisionObserver NONE = decided -> {
    };

    void decided(DecisionService.Unrecorded decided);
}
