package org.referraldecisions.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.referraldecisions.access.ApiKeyIntrospector;
import org.referraldecisions.access.AuthenticationThrottle;
import org.referraldecisions.access.SecuritySettings;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Signing in with a typed key: the same keys and roles as the API's bearer keys; the key itself is not kept. */
class ApiKeySignInTests {

    private static final String KEY = "a-key-typed-into-the-form";
    private final ApiKeyIntrospector keys = new ApiKeyIntrospector(List.of(
            new SecuritySettings.ApiKey(HexFormat.of().formatHex(ApiKeyIntrospector.sha256(KEY)), List.of("REVIEWER"))));
    private final ApiKeySignIn signIn = new ApiKeySignIn(keys, new AuthenticationThrottle(100, java.time.Duration.ofMinutes(1), 100));

    @Test
    void aConfiguredKeySignsInWithItsRolesAndIsNotKept() {
        Authentication signedIn = signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("", KEY));
        assertThat(signedIn.isAuthenticated()).isTrue();
        assertThat(signedIn.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_REVIEWER");
        assertThat(signedIn.getName()).startsWith("api-key:").doesNotContain(KEY);
        assertThat(signedIn.getCredentials()).isNull();
    }

    @Test
    void anUnknownOrEmptyKeyIsRefused() {
        assertThatThrownBy(() -> signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("", "not-the-key")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("", " ")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aClientThatFailedTooOftenIsRefusedEvenWithTheRightKeyAndOthersAreNot() {
        ApiKeySignIn throttled = new ApiKeySignIn(keys, new AuthenticationThrottle(3, java.time.Duration.ofMinutes(1), 100));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> throttled.authenticate(from("203.0.113.7", "guess"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> throttled.authenticate(from("203.0.113.7", KEY))).isInstanceOf(org.springframework.security.authentication.LockedException.class);
        assertThat(throttled.authenticate(from("198.51.100.1", KEY)).isAuthenticated()).isTrue();
    }

    /** A sign-in attempt as the form login filter makes it: with the client's address in its details. */
    private static Authentication from(String address, String key) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("", key);
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr(address);
        attempt.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(request));
        return attempt;
    }

    @Test
    void inJwtModeEverySignInIsRefused() {
        assertThatThrownBy(() -> new ExplorerSecurity.RefuseAllSignIns().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("", KEY)))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("JWT");
    }
}
