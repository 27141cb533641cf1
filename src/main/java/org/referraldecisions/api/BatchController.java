package org.referraldecisions.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/decisions/batch}: many cases in one request, as a JSON array or as NDJSON (one
 * request per line, {@code application/x-ndjson}). Each item is read and validated on its own: a bad
 * item gets its own error and the rest are decided. Results come back in order, streamed as each is
 * decided, so memory stays bounded whatever the batch size; more than the configured maximum is refused
 * item by item from the first one over.
 */
@RestController
class BatchController {

    private static final JsonMapper JSON = JsonMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final DecisionRequestReader reader;
    private final DecisionService service;
    private final int maxItems;

    BatchController(DecisionRequestReader reader, DecisionService service, @Value("${referrals.batch.max-items:10000}") int maxItems) {
        this.reader = reader;
        this.service = service;
        this.maxItems = maxItems;
    }

    @Operation(summary = "Decide many cases", description = "Body: a JSON array of decision requests, or NDJSON. "
            + "Response: {\"results\": [{\"index\", \"status\", \"decision\" | \"errors\"}]} in request order.")
    @PostMapping(path = "/v1/decisions/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> batch(HttpServletRequest request) throws IOException {
        InputStream body = request.getInputStream();
        boolean ndjson = request.getContentType() != null && request.getContentType().startsWith("application/x-ndjson");
        StreamingResponseBody stream = out -> write(body, ndjson, out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stream);
    }

    private void write(InputStream body, boolean ndjson, OutputStream out) throws IOException {
        try (JsonParser parser = JSON.createParser(body); JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("results");
            json.writeStartArray();
            int index = 0;
            try {
                if (!ndjson && parser.nextToken() != JsonToken.START_ARRAY) {
                    error(json, 0, 400, List.of(new FieldError("$", "a batch is a JSON array of decision requests")));
                } else {
                    JsonToken token;
                    while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                        JsonNode item = parser.readValueAsTree();
                        if (index >= maxItems) {
                            error(json, index, 413, List.of(new FieldError("$[" + index + "]", "the batch limit is " + maxItems + " requests")));
                        } else {
                            decide(json, index, item);
                        }
                        index++;
                    }
                }
            } catch (JacksonException e) {
                error(json, index, 400, List.of(new FieldError("$[" + index + "]", "not valid JSON: " + e.getOriginalMessage())));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void decide(JsonGenerator json, int index, JsonNode item) {
        try {
            DecisionResponseV1 decision = service.decide(reader.read(item));
            json.writeStartObject();
            json.writeNumberProperty("index", index);
            json.writeNumberProperty("status", 200);
            json.writePOJOProperty("decision", decision);
            json.writeEndObject();
        } catch (InvalidRequestException e) {
            error(json, index, 400, e.errors());
        } catch (UnknownRulesetException e) {
            error(json, index, 404, List.of(new FieldError("area", e.getMessage())));
        }
    }

    private static void error(JsonGenerator json, int index, int status, List<FieldError> errors) {
        json.writeStartObject();
        json.writeNumberProperty("index", index);
        json.writeNumberProperty("status", status);
        json.writePOJOProperty("errors", errors);
        json.writeEndObject();
    }
}
