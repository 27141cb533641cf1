package org.referraldecisions.access;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Slows down guessing: each client address has a Bucket4j token bucket of {@code failures} failed
 * authentications, refilled evenly over {@code period} (10 a minute: one more every 6 s). While a client's
 * bucket is empty, everything it sends is refused before its key is looked at, so guesses cost time
 * whether or not they are right. Buckets live in a bounded cache; one idle for a period is full again
 * and is forgotten. One throttle serves every door a key can be tried at (the API's bearer tokens, the explorer's
 * sign-in form), so a guesser gets no more tries by using both.
 */
public final class AuthenticationThrottle {

    private final int failures;
    private final Duration period;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    public AuthenticationThrottle(int failures, Duration period, int clients) {
        this(failures, period, clients, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of the caller's choosing (tests move it on by hand). */
    public AuthenticationThrottle(int failures, Duration period, int clients, TimeMeter time) {
        if (failures < 1 || period.isNegative() || period.isZero() || clients < 1) {
            throw new IllegalArgumentException("referrals.security.throttle: failures, period and clients must be positive");
        }
        this.failures = failures;
        this.period = period;
        this.time = time;
        this.buckets = Caffeine.newBuilder().maximumSize(clients).expireAfterAccess(period).build();
    }

    /** How long the client must wait before it may try again, or empty if it may now. */
    public Optional<Duration> throttled(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Counts a failed authentication; true if it was the client's last before being throttled. */
    public boolean failed(String client) {
        Bucket bucket = buckets.get(client, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, period))
                .withCustomTimePrecision(time).build());
        return bucket.tryConsume(1) && bucket.getAvailableTokens() == 0;
    }

    public int failures() {
        return failures;
    }

    public Duration period() {
        return period;
    }
}
