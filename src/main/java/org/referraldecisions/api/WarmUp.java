package org.referraldecisions.api;

import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionService;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.referraldecisions.golden.GoldenRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides the golden cases repeatedly before the service reports ready, so the first real requests do not pay
 * for class loading and the rule sets' first compilations. It starts on its own thread as soon as the deciding
 * service exists, while Spring goes on making the rest (security, actuator, OpenAPI) on the main thread, and the
 * application context is not complete until it is done: the two overlap on a machine with two cores instead of
 * adding up (docs/PERFORMANCE.md). Waiting at the end of the context's refresh rather than in a runner also puts the
 * deciding classes into the build's class-data archive, whose training start stops there (pom.xml,
 * class-data-archive). Bounded by a number of decisions and by time, whichever comes first. Nothing is recorded:
 * these decisions are about nobody and must not appear in the decision log.
 */
@Component
class WarmUp implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final CompletableFuture<Void> warming;

    WarmUp(DecisionRequestReader reader, DecisionService service, @Value("${referrals.cases-dir:test-cases}") Path casesDir,
           @Value("${referrals.warmup.decisions:1000}") int decisions, @Value("${referrals.warmup.max-millis:1000}") long maxMillis) {
        if (decisions <= 0) {
            warming = CompletableFuture.completedFuture(null);
            return;
        }
        warming = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                warm(reader, service, casesDir, decisions, maxMillis);
            } finally {
                warming.complete(null);
            }
        }, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void afterSingletonsInstantiated() {
        warming.join();
    }

    private static void warm(DecisionRequestReader reader, DecisionService service, Path casesDir, int decisions, long maxMillis) {
        List<DecisionRequestV1> requests;
        try {
            requests = GoldenRunner.requestsThatDecide(casesDir, reader);
        } catch (RuntimeException e) {
            log.warn("no warm-up: the golden cases in {} could not be read ({})", casesDir, e.getMessage());
            return;
        }
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
