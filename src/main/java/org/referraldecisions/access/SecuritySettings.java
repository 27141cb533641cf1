package org.referraldecisions.access;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code referrals.security.*}: how callers authenticate. {@code mode=api-key} (default): keys sent as
 * {@code Authorization: Bearer <key>}, configured only by their SHA-256 hex with the roles they carry.
 * {@code mode=jwt}: OAuth2 JWTs (issuer or key set under {@code spring.security.oauth2.resourceserver.jwt.*}),
 * roles from the claim {@code roles-claim}. {@code generate-dev-key} (the {@code dev} profile) makes up a key
 * with every role at start-up and logs it, for trying the service locally; without it, api-key mode with no
 * keys refuses to start. {@code throttle}: how many failed authentications a client address may make in a
 * period before it is refused (429) until it may try again (README "Operating limits").
 */
@ConfigurationProperties("referrals.security")
public record SecuritySettings(String mode, List<ApiKey> apiKeys, String rolesClaim, boolean generateDevKey, Throttle throttle) {

    /** One API key: the SHA-256 (hex) of the key and its roles, e.g. {@code CALLER,REVIEWER}. */
    public record ApiKey(String sha256, List<String> roles) {
    }

    /** At most {@code failures} failed authentications per client address in {@code period}; {@code clients} remembered at most. */
    public record Throttle(Integer failures, Duration period, Integer clients) {

        public Throttle {
            failures = failures == null ? 10 : failures;
            period = period == null ? Duration.ofMinutes(1) : period;
            clients = clients == null ? 100_000 : clients;
        }
    }

    public SecuritySettings {
        mode = mode == null || mode.isBlank() ? "api-key" : mode;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        throttle = throttle == null ? new Throttle(null, null, null) : throttle;
    }

    public boolean jwt() {
        return "jwt".equals(mode);
    }
}
