package org.referraldecisions.api;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's title and its {@code servers} entry, from configuration
 * ({@code referrals.api.public-url}, default {@code /}: the same origin the description was fetched from).
 * With servers given, springdoc does not build one from the request, whose {@code Host} header is the
 * caller's to choose.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI openApi(@Value("${referrals.api.public-url:/}") String publicUrl) {
        return new OpenAPI()
                .info(new Info().title("Referral Decision Service").version("v1")
                        .description("Applies the MARAC and MAPPA protocols to one case and says, with reasons, what they require."))
                .servers(List.of(new Server().url(publicUrl).description("configured as referrals.api.public-url")));
    }
}
