package org.referraldecisions.api;

import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionService;

import java.nio.file.Path;
import java.util.List;

import org.referraldecisions.golden.GoldenRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Decides the golden cases repeatedly before the service reports ready (runners finish before
 * readiness), so the first real requests do not pay for class loading and the rule sets' first
 * compilations. Bounded by a number of decisions and by time, whichever comes first. Nothing is recorded:
 * these decisions are about nobody and must not appear in the decision log.
 */
@Component
class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final DecisionRequestReader reader;
    private final DecisionService service;
    private final Path casesDir;
    private final int decisions;
    private final long maxMillis;

    WarmUp(DecisionRequestReader reader, DecisionService service, @Value("${referrals.cases-dir:test-cases}") Path casesDir,
           @Value("${referrals.warmup.decisions:2000}") int decisions, @Value("${referrals.warmup.max-millis:3000}") long maxMillis) {
        this.reader = reader;
        this.service = service;
        this.casesDir = casesDir;
        this.decisions = decisions;
        this.maxMillis = maxMillis;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (decisions <= 0) {
            return;
        }
        List<DecisionRequestV1> requests = GoldenRunner.requestsThatDecide(casesDir, reader);
        if (requests.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + maxMillis * 1_000_000;
        int done = 0;
        while (done < decisions && System.nanoTime() < deadline) {
            try {
                service.rehearse(requests.get(done % requests.size()));
            } catch (RuntimeException e) {
                // a case whose rule set is not loaded any more; warming is best effort
            }
            done++;
        }
        log.info("warmed up with {} decisions in {} ms", done, (System.nanoTime() - started) / 1_000_000);
    }
}
