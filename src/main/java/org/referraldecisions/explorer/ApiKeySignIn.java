package org.referraldecisions.explorer;

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
 */
final class ApiKeySignIn implements AuthenticationProvider {

    private final ApiKeyIntrospector keys;

    ApiKeySignIn(ApiKeyIntrospector keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object key = attempt.getCredentials();
        if (!(key instanceof String text) || text.isBlank()) {
            throw new BadCredentialsException("no key given");
        }
        OAuth2AuthenticatedPrincipal principal;
        try {
            principal = keys.introspect(text.trim());
        } catch (BadOpaqueTokenException e) {
            throw new BadCredentialsException("unknown key");
        }
        return UsernamePasswordAuthenticationToken.authenticated(principal.getName(), null, principal.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
