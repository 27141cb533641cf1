package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.referraldecisions.golden.GatedReload;

/** Reloads run on the reload thread, never the caller's, and one at a time: a second while one runs is refused at once. */
class ReloadRunnerTests {

    private static final GatedReload.Report REPORT = new GatedReload.Report(true, List.of(), 0, 0, List.of());

    @Test
    void aReloadRunsOnTheReloadThreadAndASecondOneMeanwhileIsRefused() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        try (ReloadRunner runner = new ReloadRunner(() -> {
            thread.set(Thread.currentThread().getName());
            started.countDown();
            await(finish);
            return REPORT;
        })) {
            CompletableFuture<GatedReload.Report> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.reload();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            started.await();
            assertThatThrownBy(runner::reload).isInstanceOf(ReloadRunner.ReloadInProgressException.class);
            finish.countDown();
            assertThat(first.get()).isSameAs(REPORT);
            assertThat(thread.get()).isEqualTo("ruleset-reload");
            // Once it has finished, the next is run.
            finish.countDown();
            assertThat(runner.reload()).isSameAs(REPORT);
        }
    }

    @Test
    void aReloadThatFailsFailsItsCaller() {
        try (ReloadRunner runner = new ReloadRunner(() -> {
            throw new IllegalStateException("cannot read the rules directory");
        })) {
            assertThatThrownBy(runner::reload).isInstanceOf(IllegalStateException.class).hasMessage("cannot read the rules directory");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
