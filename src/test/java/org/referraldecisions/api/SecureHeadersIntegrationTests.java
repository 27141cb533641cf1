package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OWASP secure headers on answers and refusals alike; the OpenAPI servers entry from configuration, not from Host. */
class SecureHeadersIntegrationTests extends HardenedServiceTest {

    @Test
    void answersAndRefusalsCarryTheSecureHeaders() throws Exception {
        HttpResponse<String> ok = get("/v1/rulesets");
        HttpResponse<String> unauthenticated = http.send(HttpRequest.newBuilder(request("/v1/rulesets").build().uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> invalid = post("/v1/decisions", "{}");
        for (HttpResponse<String> response : java.util.List.of(ok, unauthenticated, invalid)) {
            Map<String, String> h = Map.of(
                    "Content-Security-Policy", SecurityHeaders.API_POLICY,
                    "Referrer-Policy", "no-referrer",
                    "X-Content-Type-Options", "nosniff",
                    "X-Frame-Options", "DENY",
                    "Cross-Origin-Opener-Policy", "same-origin",
                    "Cross-Origin-Resource-Policy", "same-origin",
                    "Cross-Origin-Embedder-Policy", "require-corp",
                    "X-Permitted-Cross-Domain-Policies", "none",
                    "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
            h.forEach((name, value) -> assertThat(response.headers().firstValue(name)).as(response.statusCode() + " " + name).hasValue(value));
            assertThat(response.headers().firstValue("Permissions-Policy")).hasValueSatisfying(p -> assertThat(p).contains("camera=()", "geolocation=()"));
            assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        }
    }

    @Test
    void swaggerUiMayLoadItsOwnScriptsAndNothingElse() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(request("/swagger-ui/index.html").build().uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(SecurityHeaders.SWAGGER_UI_POLICY);
    }

    @Test
    void theOpenApiServersEntryComesFromConfigurationNotTheHostHeader() throws Exception {
        for (String forged : new String[] {"Host: evil.example", "Host: localhost\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https"}) {
            Raw docs = raw("GET /v3/api-docs HTTP/1.1\r\n" + forged);
            assertThat(docs.status()).isEqualTo(200);
            assertThat(docs.body()).doesNotContain("evil.example");
            JsonNode servers = JSON.readTree(docs.body()).path("servers");
            assertThat(servers.findValuesAsString("url")).containsExactly("https://referrals.example.org");
        }
    }
}
