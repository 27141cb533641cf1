package org.referraldecisions.api;

import java.time.Clock;
import java.util.function.Supplier;

import org.referraldecisions.decision.Decision;
import org.referraldecisions.decision.DecisionEngine;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetRegistry;

/**
 * The one door every caller decides through (HTTP, command line, golden cases): picks the rule set in
 * force, maps the validated request to facts, runs the engine and stamps the response with an id and
 * time. The service is handed its clock and id generator, so tests can assert exact values.
 */
public final class DecisionService {

    private final RulesetRegistry registry;
    private final Clock clock;
    private final Supplier<String> ids;

    public DecisionService(RulesetRegistry registry, Clock clock, Supplier<String> ids) {
        this.registry = registry;
        this.clock = clock;
        this.ids = ids;
    }

    /** Decides a request already validated by {@link DecisionRequestReader}. */
    public DecisionResponseV1 decide(DecisionRequestV1 request) {
        CompiledRuleset ruleset = registry.current().select(request.area(), request.asOf(), request.rulesetVersion());
        Decision decision = DecisionEngine.decide(ruleset, CaseFactsMapper.toFacts(request));
        return DecisionResponseV1.of(ids.get(), request, clock.instant(), decision);
    }
}
