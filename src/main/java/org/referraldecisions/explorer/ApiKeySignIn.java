package org.referraldecisions.explorer;

import java.util.HexFormat;

import org.referraldecisions.access.AuthenticationThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import org.referraldecisions.access.ApiKeyIntrospector;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/**
 * Signs a person in with an API key typed into the sign-in form, checked by the same {@link ApiKeyIntrospector} as the
 * API's bearer keys: the session then holds the key's name (a prefix of its hash) and roles, never the key itself.
 * Failed sign-ins count against the client address in the same {@link AuthenticationThrottle} as the API's rejected
 * keys: a client past the limit is refused, right key or not, until it may try again (README "Operating limits").
 */
final class ApiKeySignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeySignIn.class);

    private final ApiKeyIntrospector keys;
    private final AuthenticationThrottle throttle;

    ApiKeySignIn(ApiKeyIntrospector keys, AuthenticationThrottle throttle) {
        this.keys = keys;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String client = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "unknown";
        if (throttle.throttled(client).isPresent()) {
            throw new LockedException("too many failed sign-ins from this address; try again later");
        }
        Object key = attempt.getCredentials();
        if (!(key instanceof String text) || text.isBlank()) {
            throw new BadCredentialsException("no key given");
        }
        OAuth2AuthenticatedPrincipal principal;
        try {
            principal = keys.introspect(text.trim());
        } catch (BadOpaqueTokenException e) {
            log.warn("explorer sign-in failed: key not accepted; key=api-key:{} client={}",
                    HexFormat.of().formatHex(ApiKeyIntrospector.sha256(text.trim())).substring(0, 12), client);
            if (throttle.failed(client)) {
                log.warn("client {} throttled: {} failed authentications within {}", client, throttle.failures(), throttle.period());
            }
            throw new BadCredentialsException("unknown key");
        }
        return UsernamePasswordAuthenticationToken.authenticated(principal.getName(), null, principal.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
