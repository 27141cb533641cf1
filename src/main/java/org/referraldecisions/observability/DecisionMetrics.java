package org.referraldecisions.observability;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.referraldecisions.service.DecisionObserver;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every decision ({@code referrals.decisions}: area, rule set version, refer, hearing, lead, outcome)
 * and times it ({@code referrals.decision.duration}: area and version, with the SLO buckets configured as
 * {@code management.metrics.distribution.slo.referrals.decision.duration}), and writes one INFO line per
 * decision to the logger {@code referrals.decisions}: its id, {@code area@version}, duration and outcome.
 * Never the caseRef or anything of the request. Switched off with {@code logging.level.referrals.decisions=WARN}.
 */
public final class DecisionMetrics implements DecisionObserver {

    static final String DECISIONS = "referrals.decisions";
    static final String DURATION = "referrals.decision.duration";
    private static final Logger log = LoggerFactory.getLogger("referrals.decisions");

    private final MeterRegistry registry;

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void decided(DecisionService.Unrecorded decided) {
        DecisionResponseV1 response = decided.response();
        String area = response.ruleset().area();
        String version = response.ruleset().version();
        String outcome = response.marac().refer() ? "referred" : "not_referred";
        Counter.builder(DECISIONS).description("decisions made for callers (not warm-up, not replays)")
                .tag("area", area).tag("version", version)
                .tag("refer", Boolean.toString(response.marac().refer()))
                .tag("hearing", String.valueOf(response.marac().hearing()))
                .tag("lead", String.valueOf(response.marac().lead()))
                .tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder(DURATION).description("time to decide one case (rule set selection, engine, response), not recording it")
                .tag("area", area).tag("version", version)
                .register(registry).record(decided.nanos(), TimeUnit.NANOSECONDS);
        if (log.isInfoEnabled()) {
            log.atInfo().addKeyValue("decisionId", response.decisionId()).addKeyValue("ruleset", area + "@" + version)
                    .addKeyValue("durationMicros", decided.nanos() / 1000).addKeyValue("outcome", outcome)
                    .addKeyValue("hearing", response.marac().hearing()).addKeyValue("lead", response.marac().lead())
                    .log("decision {} by {}@{} in {} us: {}, hearing {}, lead {}", response.decisionId(), area, version,
                            decided.nanos() / 1000, outcome, response.marac().hearing(), response.marac().lead());
        }
    }
}
