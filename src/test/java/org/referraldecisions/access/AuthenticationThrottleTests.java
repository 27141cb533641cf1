package org.referraldecisions.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

/** A client may fail a number of times a period; then it waits for the next attempt, spread evenly over the period. */
class AuthenticationThrottleTests {

    private final AtomicLong now = new AtomicLong();
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(3, Duration.ofMinutes(1), 100, new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void aClientIsThrottledAfterItsFailuresAndMayTryAgainAsTheyAreForgiven() {
        assertThat(throttle.throttled("203.0.113.1")).isEmpty();
        assertThat(throttle.failed("203.0.113.1")).isFalse();
        assertThat(throttle.failed("203.0.113.1")).isFalse();
        assertThat(throttle.throttled("203.0.113.1")).isEmpty();
        assertThat(throttle.failed("203.0.113.1")).as("the third failure is the last allowed").isTrue();
        // One attempt comes back every 20 s (3 a minute).
        assertThat(throttle.throttled("203.0.113.1")).hasValue(Duration.ofSeconds(20));

        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(throttle.throttled("203.0.113.1")).hasValue(Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(throttle.throttled("203.0.113.1")).isEmpty();
        assertThat(throttle.failed("203.0.113.1")).isTrue();
        assertThat(throttle.throttled("203.0.113.1")).hasValue(Duration.ofSeconds(20));
    }

    @Test
    void eachClientHasItsOwnCount() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("203.0.113.1");
        }
        assertThat(throttle.throttled("203.0.113.1")).isPresent();
        assertThat(throttle.throttled("203.0.113.2")).isEmpty();
        assertThat(throttle.failed("203.0.113.2")).isFalse();
    }
}
