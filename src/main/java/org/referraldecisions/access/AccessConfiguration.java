package org.referraldecisions.access;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API keys, checked by one {@link ApiKeyIntrospector} that every door shares (so the dev profile's generated
 * key works for the API and the explorer alike). In JWT mode there is no key list.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "referrals.security.mode", havingValue = "api-key", matchIfMissing = true)
    ApiKeyIntrospector apiKeyIntrospector(SecuritySettings settings) {
        return new ApiKeyIntrospector(apiKeys(settings));
    }

    /** Failed authentications per client address, counted by every door (README "Operating limits"). */
    @Bean
    AuthenticationThrottle authenticationThrottle(SecuritySettings settings) {
        SecuritySettings.Throttle throttle = settings.throttle();
        return new AuthenticationThrottle(throttle.failures(), throttle.period(), throttle.clients());
    }

    /** The configured keys; with none, a generated development key if asked for, else a refusal to start. */
    private static List<SecuritySettings.ApiKey> apiKeys(SecuritySettings settings) {
        if (!settings.apiKeys().isEmpty()) {
            for (SecuritySettings.ApiKey key : settings.apiKeys()) {
                if (key.sha256() == null || !key.sha256().trim().matches("[0-9a-fA-F]{64}") || key.roles() == null || key.roles().isEmpty()) {
                    throw new IllegalStateException("referrals.security.api-keys: each key needs sha256 (64 hex digits) and roles");
                }
            }
            return settings.apiKeys();
        }
        if (!settings.generateDevKey()) {
            throw new IllegalStateException("No API keys configured (referrals.security.api-keys[0].sha256 and .roles). "
                    + "See README \"Access control\"; to try the service locally start it with --spring.profiles.active=dev.");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        log.warn("dev profile: generated API key with every role, valid until the service stops: {}", key);
        return List.of(new SecuritySettings.ApiKey(HexFormat.of().formatHex(ApiKeyIntrospector.sha256(key)),
                List.of(Roles.CALLER, Roles.REVIEWER, Roles.POLICY_ADMIN, Roles.OPERATOR)));
    }
}
