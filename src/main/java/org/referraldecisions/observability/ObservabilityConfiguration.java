package org.referraldecisions.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics, the per-decision log line and the rule sets in {@code /actuator/info}. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    DecisionMetrics decisionMetrics(MeterRegistry registry) {
        return new DecisionMetrics(registry);
    }

    @Bean
    OperationsMetrics operationsMetrics(MeterRegistry registry, RulesetRegistry rulesets) {
        return new OperationsMetrics(registry, rulesets);
    }

    @Bean
    RulesetInfo rulesetInfo(RulesetRegistry registry) {
        return new RulesetInfo(registry);
    }
}
