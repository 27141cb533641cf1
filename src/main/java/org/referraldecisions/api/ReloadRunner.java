package org.referraldecisions.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.referraldecisions.golden.GatedReload;

/**
 * Runs reloads on one thread of their own, one at a time: compiling candidate rules and running their
 * golden cases never happens on a request thread, and a reload asked for while one is running is refused
 * at once ({@link ReloadInProgressException}) rather than queued behind it.
 */
final class ReloadRunner implements AutoCloseable {

    /** A reload was asked for while another was running; nothing was done. */
    static final class ReloadInProgressException extends RuntimeException {
        ReloadInProgressException() {
            super("a reload is already running; try again when it has finished");
        }
    }

    private final Supplier<GatedReload.Report> reload;
    private final ExecutorService worker;
    /** Set while a reload is queued or running; cleared by the reload thread when it is done. */
    private final AtomicBoolean running = new AtomicBoolean();

    ReloadRunner(Supplier<GatedReload.Report> reload) {
        this.reload = reload;
        // Drools finds its services through the context class loader: give the worker the application's.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ruleset-reload");
            thread.setContextClassLoader(loader);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reloads on the reload thread and waits for its report; refused if a reload is running. */
    GatedReload.Report reload() throws InterruptedException {
        if (!running.compareAndSet(false, true)) {
            throw new ReloadInProgressException();
        }
        Future<GatedReload.Report> report;
        try {
            report = worker.submit(() -> {
                try {
                    return reload.get();
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException shutDown) {
            running.set(false);
            throw new IllegalStateException("the service is shutting down; no reload was started", shutDown);
        }
        try {
            return report.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("the reload failed", e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
