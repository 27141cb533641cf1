package org.referraldecisions.explorer;

import jakarta.servlet.DispatcherType;
import org.referraldecisions.access.ApiKeyIntrospector;
import org.referraldecisions.access.AuthenticationThrottle;
import org.referraldecisions.access.Roles;
import org.referraldecisions.access.SecuritySettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.CrossOriginEmbedderPolicyHeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Who may open which explorer page. Unlike the stateless API, the explorer signs a person in once (a key typed into
 * a form) and holds the sign-in in the server session: the cookie is HttpOnly, SameSite=Strict and Secure over HTTPS
 * ({@code server.servlet.session.*}), the session id changes at sign-in, and every form carries a CSRF token.
 * CALLER tries cases; REVIEWER reads rule sets, compares versions and reviews logged decisions; POLICY_ADMIN sees reloads.
 * In JWT mode there are no keys to sign in with, so every sign-in is refused (the page says so). The secure headers
 * are the API's, with a policy that lets a page load its own style sheet and script and nothing else.
 */
@Configuration(proxyBeanMethods = false)
class ExplorerSecurity {

    /** Pages load only their own style sheet and script; no inline script or style, no framing, forms post only here. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /** The page needs no powerful browser feature. */
    static final String PERMISSIONS = "camera=(), display-capture=(), geolocation=(), microphone=(), payment=(), usb=()";

    @Bean
    @Order(1)
    SecurityFilterChain explorerChain(HttpSecurity http, SecuritySettings settings, ObjectProvider<ApiKeyIntrospector> keys,
                                      AuthenticationThrottle throttle) throws Exception {
        ApiKeyIntrospector introspector = settings.jwt() ? null : keys.getIfAvailable();
        if (introspector != null) {
            http.authenticationProvider(new ApiKeySignIn(introspector, throttle));
        } else {
            http.authenticationProvider(new RefuseAllSignIns());
        }
        http.securityMatcher("/explorer", "/explorer/**")
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(31_536_000).includeSubDomains(true))
                        .crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .crossOriginEmbedderPolicy(c -> c.policy(CrossOriginEmbedderPolicyHeaderWriter.CrossOriginEmbedderPolicy.REQUIRE_CORP))
                        .crossOriginResourcePolicy(c -> c.policy(CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy(PERMISSIONS)))
                .formLogin(form -> form.loginPage("/explorer/sign-in").loginProcessingUrl("/explorer/sign-in")
                        .usernameParameter("unused").passwordParameter("key")
                        .defaultSuccessUrl("/explorer", false).failureUrl("/explorer/sign-in?error").permitAll())
                .logout(out -> out.logoutUrl("/explorer/sign-out").logoutSuccessUrl("/explorer/sign-in?signed-out")
                        .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .exceptionHandling(e -> e.accessDeniedPage("/explorer/denied"))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/explorer/explorer.css", "/explorer/explorer.js", "/explorer/sign-in").permitAll()
                        .requestMatchers("/explorer/rulesets", "/explorer/rulesets/**", "/explorer/compare", "/explorer/compare/**",
                                "/explorer/review", "/explorer/review/**").hasRole(Roles.REVIEWER)
                        .requestMatchers("/explorer/reloads").hasRole(Roles.POLICY_ADMIN)
                        .requestMatchers("/explorer/try", "/explorer/try/**").hasAnyRole(Roles.CALLER, Roles.REVIEWER, Roles.POLICY_ADMIN)
                        .anyRequest().authenticated());
        return http.build();
    }

    /** JWT mode: the explorer has no key list to check a typed key against. */
    static final class RefuseAllSignIns implements AuthenticationProvider {
        @Override
        public Authentication authenticate(Authentication attempt) {
            throw new BadCredentialsException("sign-in with a key is not available in JWT mode");
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }
}
