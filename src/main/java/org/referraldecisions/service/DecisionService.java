package org.referraldecisions.service;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.referraldecisions.decision.Decision;
import org.referraldecisions.decision.DecisionEngine;
import org.referraldecisions.decision.RuleLimits;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetRegistry;

/**
 * The one door every caller decides through (HTTP, command line, golden cases): picks the rule set in
 * force, maps the validated request to facts, runs the engine and stamps the response with an id and
 * time. The service is handed its clock and id generator, so tests can assert exact values. Every
 * decision runs within the service's {@link RuleLimits}.
 */
public final class DecisionService {

    private final RulesetRegistry registry;
    private final Clock clock;
    private final Supplier<String> ids;
    private final DecisionRecorder recorder;
    private final RuleLimits limits;
    private final DecisionObserver observer;

    public DecisionService(RulesetRegistry registry, Clock clock, Supplier<String> ids) {
        this(registry, clock, ids, DecisionRecorder.NONE);
    }

    public DecisionService(RulesetRegistry registry, Clock clock, Supplier<String> ids, DecisionRecorder recorder) {
        this(registry, clock, ids, recorder, RuleLimits.DEFAULT);
    }

    public DecisionService(RulesetRegistry registry, Clock clock, Supplier<String> ids, DecisionRecorder recorder, RuleLimits limits) {
        this(registry, clock, ids, recorder, limits, DecisionObserver.NONE);
    }

    public DecisionService(RulesetRegistry registry, Clock clock, Supplier<String> ids, DecisionRecorder recorder, RuleLimits limits,
                           DecisionObserver observer) {
        this.registry = registry;
        this.clock = clock;
        this.ids = ids;
        this.recorder = recorder;
        this.limits = limits;
        this.observer = observer;
    }

    /**
     * Decides a request already validated by {@link DecisionRequestReader} and records it; returns only
     * once the recorder has (for the decision log: once the row is committed). If recording fails, so does
     * this: a decision is never returned unrecorded.
     */
    /** The rule sets decisions are made by now. */
    public RulesetCatalog catalog() {
        return registry.current();
    }

    public DecisionResponseV1 decide(DecisionRequestV1 request) {
        return await(decideLater(request));
    }

    /**
     * Decides now and completes once the decision is recorded: for batches, where waiting for many at once
     * lets the log commit them together.
     */
    public CompletableFuture<DecisionResponseV1> decideLater(DecisionRequestV1 request) {
        return record(decideUnrecorded(request));
    }

    /**
     * A decision made and not yet recorded: a batch decides its items on several threads, then records
     * them in request order so the log keeps that order. It must be passed to {@link #record} before it
     * is given to anyone.
     */
    public record Unrecorded(DecisionRequestV1 request, CompiledRuleset ruleset, DecisionResponseV1 response, long nanos) {
    }

    /** Decides, recording nothing yet: see {@link Unrecorded}. */
    public Unrecorded decideUnrecorded(DecisionRequestV1 request) {
        long started = System.nanoTime();
        CompiledRuleset ruleset = registry.current().select(request.area(), request.asOf(), request.rulesetVersion());
        checkLocality(ruleset, request);
        DecisionResponseV1 response = decideWith(ruleset, request);
        Unrecorded decided = new Unrecorded(request, ruleset, response, System.nanoTime() - started);
        // The one place every caller's decision passes (single, batch item): metrics and the decision log line.
        observer.decided(decided);
        return decided;
    }

    /** Records a decision; completes with it (and the recorder's receipt, if any) once it is recorded, or fails if it could not be. */
    public CompletableFuture<DecisionResponseV1> record(Unrecorded decided) {
        return recorder.record(decided.request(), decided.response(), decided.ruleset(), decided.nanos())
                .thenApply(receipt -> receipt == null ? decided.response() : decided.response().withReceipt(receipt));
    }

    /** Decides without recording: for warming the engine up, whose decisions are about nobody. */
    public DecisionResponseV1 rehearse(DecisionRequestV1 request) {
        CompiledRuleset ruleset = registry.current().select(request.area(), request.asOf(), request.rulesetVersion());
        checkLocality(ruleset, request);
        return decideWith(ruleset, request);
    }

    /**
     * A locality must be one the area's calendar names: only the rule set chosen knows them, so this is checked here
     * rather than with the other fields, and refused the same way (400 naming {@code locality}; nothing recorded).
     */
    static void checkLocality(CompiledRuleset ruleset, DecisionRequestV1 request) {
        String locality = request.locality();
        if (locality != null && !ruleset.calendar().hasLocality(locality)) {
            Set<String> known = ruleset.calendar().localities();
            throw new InvalidRequestException(List.of(new FieldError("locality", known.isEmpty()
                    ? "is not known: " + request.area() + " has no MARAC calendar, so no locality can be given"
                    : "is not a locality of " + request.area() + "; one of " + String.join(", ", known))));
        }
    }

    /** Waits for a result (a recorded decision, compiled rule sets); a failure is rethrown as it was raised. */
    public static <T> T await(CompletableFuture<T> recorded) {
        try {
            return recorded.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Decides a request with the given rule set, recording nothing: for replaying a logged decision. */
    public DecisionResponseV1 decideWith(CompiledRuleset ruleset, DecisionRequestV1 request) {
        Decision decision = DecisionEngine.decide(ruleset, CaseFactsMapper.toFacts(request), limits);
        return DecisionResponseV1.of(ids.get(), request, clock.instant(), decision);
    }
}
