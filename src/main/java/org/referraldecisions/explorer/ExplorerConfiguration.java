package org.referraldecisions.explorer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.referraldecisions.audit.ReviewService;
import org.referraldecisions.decision.RuleLimits;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.service.DecisionRecorder;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the explorer's own pieces to the service's registry, request reader and decision log. */
@Configuration(proxyBeanMethods = false)
class ExplorerConfiguration {

    @Bean
    ReviewReads explorerReviewReads(ReviewService reviews) {
        return new ReviewReads(reviews);
    }

    /**
     * Golden cases are decided through a {@link DecisionService} over the same registry that records nothing: not a
     * bean, so every other door keeps the one recording service.
     */
    @Bean
    GoldenCorpus explorerGoldenCorpus(@Value("${referrals.cases-dir:test-cases}") Path casesDir, RulesetRegistry registry,
                                      DecisionRequestReader reader, Clock clock, RuleLimits limits) {
        AtomicLong next = new AtomicLong();
        DecisionService unrecorded = new DecisionService(registry, clock, () -> "golden-" + next.incrementAndGet(), DecisionRecorder.NONE, limits);
        return new GoldenCorpus(casesDir, registry, reader, unrecorded);
    }
}
