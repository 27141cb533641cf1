package org.referraldecisions.service;

import java.util.concurrent.CompletableFuture;

import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Where {@link DecisionService} hands every decision before returning it (the decision log). A decision
 * is returned only once its future has completed normally; if it completes exceptionally, the caller gets
 * an error instead of the decision.
 */
@FunctionalInterface
public interface DecisionRecorder {

    /** Records nothing (and gives no receipt): for the command line, golden cases and benchmarks. */
    DecisionRecorder NONE = (request, response, ruleset, nanos) -> CompletableFuture.completedFuture(null);

    /**
     * Starts recording the decision; the future completes once it is stored (for the log: committed), with the
     * recorder's receipt for it, or null if it gives none.
     */
    CompletableFuture<DecisionResponseV1.Receipt> record(DecisionRequestV1 request, DecisionResponseV1 response, CompiledRuleset ruleset, long durationNanos);
}
