package org.referraldecisions.api;

import org.referraldecisions.service.DecisionRecorder;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionObserver;
import org.referraldecisions.service.DecisionService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import jakarta.validation.Validator;
import org.referraldecisions.decision.RuleLimits;
import org.referraldecisions.golden.GatedReload;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the Spring-free pieces together. The rule sets are compiled at start-up (begun early by
 * {@link EarlyRulesetCompilation}, awaited here): a rule set that does not compile stops the service with
 * the file and line, rather than serving without it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitSettings.class)
class ServiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RulesetRegistry rulesetRegistry(@Value("${referrals.rules-dir:" + EarlyRulesetCompilation.DEFAULT_RULES_DIR + "}") Path rulesDir,
                                    ObjectProvider<EarlyRulesetCompilation.Compilation> early, Environment environment) {
        EarlyRulesetCompilation.useCompiledRulesCache(environment);
        EarlyRulesetCompilation.Compilation compilation = early.getIfAvailable();
        boolean underWay = compilation != null && compilation.rulesDir().equals(rulesDir);
        long started = underWay ? compilation.startedNanos() : System.nanoTime();
        RulesetCatalog catalog = underWay ? compilation.await() : RulesetLoader.load(rulesDir);
        log.info("compiled {} rule sets from {} in {} ms: {}", catalog.all().size(), rulesDir.toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000,
                catalog.all().stream().map(r -> r.id() + " " + r.sha256().substring(0, 12)).toList());
        return new RulesetRegistry(catalog);
    }

    @Bean
    DecisionRequestReader decisionRequestReader(Validator validator, Clock clock, LimitSettings limits) {
        return new DecisionRequestReader(validator, clock, limits.requestLimits());
    }

    /** What one session run (a decision, a golden case during a reload) may cost: see README "Operating limits". */
    @Bean
    RuleLimits ruleLimits(@Value("${referrals.engine.max-firings:5000}") int maxFirings,
                          @Value("${referrals.engine.max-conclusions:5000}") int maxConclusions,
                          @Value("${referrals.engine.time-limit:5s}") Duration timeLimit) {
        return new RuleLimits(maxFirings, maxConclusions, timeLimit);
    }

    @Bean
    GatedReload gatedReload(RulesetRegistry registry, @Value("${referrals.rules-dir:" + EarlyRulesetCompilation.DEFAULT_RULES_DIR + "}") Path rulesDir,
                            @Value("${referrals.cases-dir:test-cases}") Path casesDir, DecisionRequestReader reader, Clock clock,
                            RuleLimits limits, @Value("${referrals.reload.compile-threads:1}") int compileThreads) {
        return new GatedReload(registry, rulesDir, casesDir, reader, clock, limits, compileThreads);
    }

    /** Reloads run on their own thread, never a request thread; closed (the reload abandoned) at shutdown. */
    @Bean(destroyMethod = "close")
    ReloadRunner reloadRunner(GatedReload reload) {
        return new ReloadRunner(reload::reload);
    }

    @Bean
    BatchDeciders batchDeciders(@Value("${referrals.batch.threads:0}") int threads) {
        return new BatchDeciders(threads);
    }

    @Bean
    DecisionService decisionService(RulesetRegistry registry, Clock clock, ObjectProvider<DecisionRecorder> recorder, RuleLimits limits,
                                    ObjectProvider<DecisionObserver> observer) {
        return new DecisionService(registry, clock, new DecisionIds(clock), recorder.getIfAvailable(() -> DecisionRecorder.NONE), limits,
                observer.getIfAvailable(() -> DecisionObserver.NONE));
    }
}
