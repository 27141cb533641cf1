package org.referraldecisions.api;

import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/decisions}: one case in, the decision with its reasons out. */
@RestController
class DecisionController {

    private final DecisionRequestReader reader;
    private final DecisionService service;

    DecisionController(DecisionRequestReader reader, DecisionService service) {
        this.reader = reader;
        this.service = service;
    }

    @Operation(summary = "Decide one case", description = "Applies the area's protocol in force on asOf (or the pinned version). "
            + "Unknown fields, wrong types and impossible values give 400 application/problem+json listing every offending field; "
            + "a body over referrals.limits.request-size gives 413.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DecisionRequestV1.class))))
    @PostMapping(path = "/v1/decisions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecisionResponseV1 decide(HttpServletRequest request) throws IOException {
        // The body is read here, up to its limit, and never logged: it describes a victim of abuse.
        byte[] body = RequestBodies.read(request, reader.limits().requestBytes(), RequestBodies.REQUEST_SIZE);
        // Each decision is logged (id, area@version, duration, outcome) and counted by the service's observer.
        return service.decide(reader.read(body));
    }
}
