package org.referraldecisions.api;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads a batch's items are read and decided on. Deciding is CPU work, so there is one thread per
 * processor unless configured otherwise; batches running at the same time share them. Not an
 * {@link Executor} bean itself, so Spring's own task executor is left as it is.
 */
final class BatchDeciders implements AutoCloseable {

    private final ExecutorService threads;

    BatchDeciders(int threads) {
        CustomizableThreadFactory named = new CustomizableThreadFactory("batch-decider-");
        named.setDaemon(true);
        this.threads = Executors.newFixedThreadPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), named);
    }

    Executor executor() {
        return threads;
    }

    /** Lets items already handed over finish; takes no more. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
