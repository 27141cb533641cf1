package org.referraldecisions.api;


import io.micrometer.core.instrument.MeterRegistry;
import org.referraldecisions.access.ApiKeyIntrospector;
import org.referraldecisions.access.AuthenticationThrottle;
import org.referraldecisions.access.Roles;
import org.referraldecisions.access.SecuritySettings;
import org.springframework.beans.factory.ObjectProvider;
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
 * and verifies; POLICY_ADMIN reloads the rules; OPERATOR reads the metrics. Health and the OpenAPI description are open (they hold no
 * case data); everything else needs an API key or a JWT. Stateless: no sessions, no cookies, so no CSRF.
 * Failed authentications are counted and logged, and a client address that fails too often is throttled
 * ({@link FailedAuthentications}, {@link ThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CALLER = Roles.CALLER;
    static final String REVIEWER = Roles.REVIEWER;
    static final String POLICY_ADMIN = Roles.POLICY_ADMIN;
    static final String OPERATOR = Roles.OPERATOR;

    @Bean
    FailedAuthentications failedAuthentications(SecuritySettings settings, AuthenticationThrottle throttle, ObjectProvider<MeterRegistry> meters) {
        return new FailedAuthentications(throttle, meters.getIfAvailable(), !settings.jwt());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecuritySettings settings, FailedAuthentications failures,
            ObjectProvider<ApiKeyIntrospector> apiKeys) throws Exception {
        ProblemSecurityHandler problems = new ProblemSecurityHandler(failures);
        http.addFilterBefore(new ThrottleFilter(failures), BearerTokenAuthenticationFilter.class);
        http.csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders::configure)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**").hasRole(OPERATOR)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/v1/decisions", "/v1/decisions/batch").hasRole(CALLER)
                        .requestMatchers(HttpMethod.POST, "/v1/decisions/*/replay").hasRole(REVIEWER)
                        .requestMatchers(HttpMethod.POST, "/v1/decisions/verify").hasRole(REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/v1/decision-log/keys").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v1/decision-log/reads").hasAnyRole(REVIEWER, POLICY_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/v1/decisions", "/v1/decisions/**").hasRole(REVIEWER)
                        .requestMatchers(HttpMethod.POST, "/v1/rulesets/reload").hasRole(POLICY_ADMIN)
                        .requestMatchers(HttpMethod.GET, "/v1/rulesets", "/v1/rulesets/**").hasRole(REVIEWER)
                        // Any other /v1 path or method: any valid key gets through to a 404 or 405 problem, not a 403
                        // about roles no key could carry.
                        .requestMatchers("/v1/**").authenticated()
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
            ApiKeyIntrospector introspector = apiKeys.getObject();
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .opaqueToken(t -> t.introspector(introspector)));
        }
        return http.build();
    }
}
