package org.referraldecisions.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * item gets its own error and the rest are decided. Results come back in order, streamed a chunk at a
 * time once the chunk's decisions are logged, so memory stays bounded whatever the batch size; more than
 * the configured maximum is refused item by item from the first one over.
 */
@RestController
class BatchController {

    private static final JsonMapper JSON = JsonMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Items decided before their results are written: the decision log commits them together. */
    private static final int CHUNK = 256;
    private static final Logger log = LoggerFactory.getLogger(BatchController.class);

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
            List<Result> pending = new ArrayList<>(CHUNK);
            int index = 0;
            try {
                if (!ndjson && parser.nextToken() != JsonToken.START_ARRAY) {
                    pending.add(Result.refused(0, 400, List.of(new FieldError("$", "a batch is a JSON array of decision requests"))));
                } else {
                    JsonToken token;
                    while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                        JsonNode item = parser.readValueAsTree();
                        if (index >= maxItems) {
                            pending.add(Result.refused(index, 413, List.of(new FieldError("$[" + index + "]", "the batch limit is " + maxItems + " requests"))));
                        } else {
                            pending.add(decide(index, item));
                        }
                        index++;
                        if (pending.size() == CHUNK) {
                            flush(json, pending);
                        }
                    }
                }
            } catch (JacksonException e) {
                pending.add(Result.refused(index, 400, List.of(new FieldError("$[" + index + "]", "not valid JSON: " + e.getOriginalMessage()))));
            }
            flush(json, pending);
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** An item's outcome: refused with errors, or a decision that is being recorded. */
    private record Result(int index, int status, List<FieldError> errors, CompletableFuture<DecisionResponseV1> decision) {
        static Result refused(int index, int status, List<FieldError> errors) {
            return new Result(index, status, errors, null);
        }
    }

    private Result decide(int index, JsonNode item) {
        try {
            return new Result(index, 200, List.of(), service.decideLater(reader.read(item)));
        } catch (InvalidRequestException e) {
            return Result.refused(index, 400, e.errors());
        } catch (UnknownRulesetException e) {
            return Result.refused(index, 404, List.of(new FieldError("area", e.getMessage())));
        }
    }

    /**
     * Writes the results so far, in order, each decision only once it is recorded (the decisions of a chunk
     * are committed to the log together). A decision that could not be recorded is sent as an error.
     */
    private static void flush(JsonGenerator json, List<Result> results) {
        for (Result r : results) {
            if (r.decision() == null) {
                error(json, r.index(), r.status(), r.errors());
                continue;
            }
            DecisionResponseV1 decision;
            try {
                decision = DecisionService.await(r.decision());
            } catch (RuntimeException notRecorded) {
                log.error("batch item {} was decided but could not be recorded; sent as an error", r.index(), notRecorded);
                error(json, r.index(), 500, List.of(new FieldError("$[" + r.index() + "]",
                        "the decision could not be recorded in the decision log, so it is not given")));
                continue;
            }
            json.writeStartObject();
            json.writeNumberProperty("index", r.index());
            json.writeNumberProperty("status", 200);
            json.writePOJOProperty("decision", decision);
            json.writeEndObject();
        }
        results.clear();
    }

    private static void error(JsonGenerator json, int index, int status, List<FieldError> errors) {
        json.writeStartObject();
        json.writeNumberProperty("index", index);
        json.writeNumberProperty("status", status);
        json.writePOJOProperty("errors", errors);
        json.writeEndObject();
    }
}
