package org.referraldecisions.api;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Roles: CALLER decides cases; REVIEWER reads rule sets and the decision log, replays
 * and verifies; POLICY_ADMIN reloads the rules. Health and the OpenAPI description are open (they hold no
 * case data); everything else needs an API key or a JWT. Stateless: no sessions, no cookies, so no CSRF.
 * Failed authentications are counted and logged, and a client address that fails too often is throttled
 * ({@link FailedAuthentications}, {@link ThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    static final String CALLER = "CALLER";
    static final String REVIEWER = "REVIEWER";
    static final String POLICY_ADMIN = "POLICY_ADMIN";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FailedAuthentications failedAuthentications(SecuritySettings settings, ObjectProvider<MeterRegistry> meters) {
        SecuritySettings.Throttle throttle = settings.throttle();
        return new FailedAuthentications(new AuthenticationThrottle(throttle.failures(), throttle.period(), throttle.clients()),
                meters.getIfAvailable(), !settings.jwt());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecuritySettings settings, FailedAuthentications failures) throws Exception {
        ProblemSecurityHandler problems = new ProblemSecurityHandler(failures);
        http.addFilterBefore(new ThrottleFilter(failures), BearerTokenAuthenticationFilter.class);
        http.csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders::configure)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/v1/decisions", "/v1/decisions/batch").hasRole(CALLER)
                        .requestMatchers(HttpMethod.POST, "/v1/decisions/*/replay").hasRole(REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/v1/decisions", "/v1/decisions/**").hasRole(REVIEWER)
                        .requestMatchers(HttpMethod.POST, "/v1/rulesets/reload").hasRole(POLICY_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/v1/rulesets", "/v1/rulesets/**").hasRole(REVIEWER)
                        .requestMatchers("/v1/**").denyAll()
                        .anyRequest().authenticated());
        if (settings.jwt()) {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName(settings.rolesClaim());
            roles.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(roles);
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        } else {
            ApiKeyIntrospector introspector = new ApiKeyIntrospector(apiKeys(settings));
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .opaqueToken(t -> t.introspector(introspector)));
        }
        return http.build();
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
                List.of(CALLER, REVIEWER, POLICY_ADMIN)));
    }
}
