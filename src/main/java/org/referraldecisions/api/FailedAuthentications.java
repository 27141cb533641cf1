package org.referraldecisions.api;

import org.referraldecisions.access.ApiKeyIntrospector;
import org.referraldecisions.access.AuthenticationThrottle;
import java.time.Duration;
import java.util.HexFormat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of failed authentications: each is counted ({@code referrals.authentication.failures}, tagged
 * {@code reason=missing} for no credentials or {@code rejected} for a key or token not accepted) and a
 * rejected one is logged with the client's address and the presented key's id (never the key), and counted
 * against the client by the {@link AuthenticationThrottle}. Requests refused while throttled are counted
 * ({@code referrals.authentication.throttled}) and not logged one by one: the moment a client is throttled is.
 */
final class FailedAuthentications {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);

    private final AuthenticationThrottle throttle;
    private final MeterRegistry meters;
    private final boolean apiKeys;

    /**
     * @param meters  where the counts go; with none, only the log has them
     * @param apiKeys whether bearer tokens are API keys (their id can be shown) rather than JWTs
     */
    FailedAuthentications(AuthenticationThrottle throttle, MeterRegistry meters, boolean apiKeys) {
        this.throttle = throttle;
        this.meters = meters;
        this.apiKeys = apiKeys;
    }

    /** A request whose credentials were missing or not accepted (answered 401). */
    void record(HttpServletRequest request) {
        String token = bearerToken(request);
        String client = request.getRemoteAddr();
        if (token == null) {
            count("referrals.authentication.failures", "missing");
            log.debug("authentication failed: no credentials; client={} {} {}", client, request.getMethod(), request.getRequestURI());
            return;
        }
        count("referrals.authentication.failures", "rejected");
        log.warn("authentication failed: credentials not accepted; key={} client={} {} {}", keyId(token), client,
                request.getMethod(), request.getRequestURI());
        if (throttle.failed(client)) {
            log.warn("client {} throttled: {} failed authentications within {}; it is refused (429) until it may try again",
                    client, throttle.failures(), throttle.period());
        }
    }

    /** How long the request's client must wait, if it is throttled; counted. */
    java.util.Optional<Duration> throttled(HttpServletRequest request) {
        java.util.Optional<Duration> wait = throttle.throttled(request.getRemoteAddr());
        wait.ifPresent(w -> count("referrals.authentication.throttled", null));
        return wait;
    }

    /**
     * The id the presented key would have if it were configured ({@code api-key:} and the first 12 hex digits
     * of its SHA-256, as {@link ApiKeyIntrospector} names keys), or {@code unknown} for a JWT.
     */
    private String keyId(String token) {
        return apiKeys ? "api-key:" + HexFormat.of().formatHex(ApiKeyIntrospector.sha256(token)).substring(0, 12) : "unknown";
    }

    private static String bearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private void count(String name, String reason) {
        if (meters == null) {
            return;
        }
        if (reason == null) {
            meters.counter(name).increment();
        } else {
            meters.counter(name, "reason", reason).increment();
        }
    }
}
