package org.referraldecisions.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.referraldecisions.access.ApiKeyIntrospector;
import org.referraldecisions.access.SecuritySettings;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Signing in with a typed key: the same keys and roles as the API's bearer keys; the key itself is not kept. */
class ApiKeySignInTests {

    private static final String KEY = "a-key-typed-into-the-form";
    private final ApiKeySignIn signIn = new ApiKeySignIn(new ApiKeyIntrospector(List.of(
            new SecuritySettings.ApiKey(HexFormat.of().formatHex(ApiKeyIntrospector.sha256(KEY)), List.of("REVIEWER")))));

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
    void inJwtModeEverySignInIsRefused() {
        assertThatThrownBy(() -> new ExplorerSecurity.RefuseAllSignIns().authenticate(UsernamePasswordAuthenticationToken.unauthenticated("", KEY)))
                .isInstanceOf(BadCredentialsException.class).hasMessageContaining("JWT");
    }
}
