package org.referraldecisions.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Checks a bearer token against the configured API keys. Only hashes are configured; the presented key is
 * hashed and compared with every configured hash in constant time, so timing reveals neither which key
 * nor how much of one matched.
 */
public final class ApiKeyIntrospector implements OpaqueTokenIntrospector {

    private record Key(byte[] sha256, String name, List<GrantedAuthority> authorities) {
    }

    private final List<Key> keys;

    public ApiKeyIntrospector(List<SecuritySettings.ApiKey> configured) {
        this.keys = configured.stream().map(k -> new Key(HexFormat.of().parseHex(k.sha256().trim().toLowerCase()),
                "api-key:" + k.sha256().trim().substring(0, 12),
                k.roles().stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.trim())).toList())).toList();
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        byte[] presented = sha256(token);
        Key match = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(presented, key.sha256()) && match == null) {
                match = key;
            }
        }
        if (match == null) {
            throw new BadOpaqueTokenException("unknown API key");
        }
        // The principal's name is a prefix of the key's hash: enough to tell keys apart in logs, never the key.
        return new DefaultOAuth2AuthenticatedPrincipal(match.name(), Map.of("sub", match.name()), match.authorities());
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
