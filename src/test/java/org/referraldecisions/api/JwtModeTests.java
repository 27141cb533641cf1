package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** {@code referrals.security.mode=jwt}: roles come from the configured claim of a valid JWT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"referrals.warmup.decisions=0", "referrals.security.mode=jwt", "referrals.security.roles-claim=groups"})
class JwtModeTests {

    static final SecretKey SECRET = new SecretKeySpec("a test secret of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

    @TestConfiguration(proxyBeanMethods = false)
    static class Decoder {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withSecretKey(SECRET).macAlgorithm(MacAlgorithm.HS256).build();
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rolesComeFromTheConfiguredClaim() throws Exception {
        assertThat(get("/v1/rulesets", token(List.of("REVIEWER"))).statusCode()).isEqualTo(200);
        assertThat(get("/v1/rulesets", token(List.of("CALLER"))).statusCode()).isEqualTo(403);
        assertThat(get("/v1/rulesets", "not.a.jwt").statusCode()).isEqualTo(401);
        assertThat(get("/v1/rulesets", null).statusCode()).isEqualTo(401);
    }

    private static String token(List<String> groups) {
        var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(SECRET));
        var claims = JwtClaimsSet.builder().subject("reviewer-1").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .claim("groups", groups).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
