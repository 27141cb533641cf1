package org.referraldecisions.api;

import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Where {@link DecisionService} hands every decision before returning it (the decision log). Called in
 * the deciding thread; when it throws, the decision is not returned.
 */
@FunctionalInterface
public interface DecisionRecorder {

    /** Records nothing: for the command line, golden cases and benchmarks. */
    DecisionRecorder NONE = (request, response, ruleset, nanos) -> {
    };

    void record(DecisionRequestV1 request, DecisionResponseV1 response, CompiledRuleset ruleset, long durationNanos);
}
