package org.referraldecisions.api;

import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.referraldecisions.decision.RuleConflictException;
import org.referraldecisions.decision.RuleLimitExceededException;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/decisions/batch}: many cases in one request, as a JSON array or as NDJSON (one
 * request per line, {@code application/x-ndjson}). Each item is read and validated on its own: a bad
 * item gets its own error and the rest are decided. Results come back in order, written a chunk at a
 * time once the chunk's decisions are logged; more than the configured maximum is refused item by item
 * from the first one over.
 *
 * <p>The whole body (at most {@code referrals.limits.batch-size}) is read before anything is decided or
 * answered: most clients send their whole request before they read any of the answer, and results written
 * back during the upload would fill the connection both ways until each side waited on the other. Holding
 * bodies in memory is bounded by {@code referrals.batch.concurrent} batches at once; a batch waits up to
 * {@code referrals.batch.wait} for its turn, then is refused with 503 and {@code Retry-After}. A chunk is
 * handed to the decision log only once the results before it have been written, so a client that goes
 * away leaves at most one chunk logged and not delivered.
 *
 * <p>Items are read and decided on the batch deciders (one thread per core), and recorded from this
 * thread in request order, so the decision log holds a batch in the order it was sent. While one chunk is
 * being decided, the chunk before it is being committed to the log.
 */
@RestController
class BatchController {

    private static final JsonMapper JSON = JsonMapper.builder().enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Items decided before they are recorded: the decision log commits them together. */
    private static final int CHUNK = 256;
    private static final Logger log = LoggerFactory.getLogger(BatchController.class);

    private final DecisionRequestReader reader;
    private final DecisionService service;
    private final Executor deciders;
    private final int maxItems;
    private final long maxBytes;
    private final int concurrent;
    private final Semaphore turns;
    private final Duration wait;

    BatchController(DecisionRequestReader reader, DecisionService service, BatchDeciders deciders,
                    @Value("${referrals.batch.max-items:10000}") int maxItems,
                    @Value("${referrals.limits.batch-size:16MB}") DataSize maxBytes,
                    @Value("${referrals.batch.concurrent:2}") int concurrent,
                    @Value("${referrals.batch.wait:30s}") Duration wait) {
        this.reader = reader;
        this.service = service;
        this.deciders = deciders.executor();
        this.maxItems = maxItems;
        this.maxBytes = maxBytes.toBytes();
        this.concurrent = Math.max(1, concurrent);
        this.turns = new Semaphore(this.concurrent, true);
        this.wait = wait;
    }

    /** Too many batches are being read and decided at once; the client may retry after a while. */
    static final class BatchesBusyException extends RuntimeException {
        BatchesBusyException(int concurrent, Duration waited) {
            super(concurrent + " batches are being decided and this one waited " + waited.toSeconds()
                    + " s for its turn; nothing of it was read or decided, send it again later");
        }
    }

    /** The batch's body is over {@code referrals.limits.batch-size}; nothing of it was decided. */
    static final class BatchTooLargeException extends RuntimeException {
        private final long maximum;

        BatchTooLargeException(long maximum) {
            super("the batch is larger than " + maximum + " bytes, the limit referrals.limits.batch-size; nothing was decided");
            this.maximum = maximum;
        }

        long maximum() {
            return maximum;
        }
    }

    @Operation(summary = "Decide many cases", description = "Body: a JSON array of decision requests, or NDJSON. "
            + "Response: {\"results\": [{\"index\", \"status\", \"decision\" | \"errors\"}]} in request order.")
    @PostMapping(path = "/v1/decisions/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    void batch(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        if (!turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BatchesBusyException(concurrent, wait);
        }
        try {
            InputStream body = new ByteArrayInputStream(whole(request));
            boolean ndjson = request.getContentType() != null && request.getContentType().startsWith("application/x-ndjson");
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            write(body, ndjson, response.getOutputStream());
        } finally {
            turns.release();
        }
    }

    /** How many more batches could be taken on now (for tests). */
    int freeTurns() {
        return turns.availablePermits();
    }

    /** The whole body, refused (before a byte is read when its length is declared) if over the batch size. */
    private byte[] whole(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new BatchTooLargeException(maxBytes);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
        if (body.length > maxBytes) {
            throw new BatchTooLargeException(maxBytes);
        }
        return body;
    }

    private void write(InputStream body, boolean ndjson, OutputStream out) throws IOException {
        try (JsonParser parser = JSON.createParser(body); JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("results");
            json.writeStartArray();
            List<CompletableFuture<Decided>> deciding = new ArrayList<>(CHUNK);
            List<Result> recording = List.of();
            int index = 0;
            try {
                if (!ndjson && parser.nextToken() != JsonToken.START_ARRAY) {
                    deciding.add(refused(0, 400, new FieldError("$", "a batch is a JSON array of decision requests")));
                } else {
                    JsonToken token;
                    while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
                        JsonNode item = parser.readValueAsTree();
                        int at = index++;
                        deciding.add(at >= maxItems
                                ? refused(at, 413, new FieldError("$[" + at + "]", "the batch limit is " + maxItems + " requests"))
                                : CompletableFuture.supplyAsync(() -> decide(at, item), deciders));
                        if (deciding.size() == CHUNK) {
                            // The chunk before is written (once committed) before this one goes to the log: if the
                            // client has gone, writing fails and nothing more is logged that no one will receive.
                            writeRecorded(json, recording);
                            json.flush();
                            recording = record(deciding);
                            deciding = new ArrayList<>(CHUNK);
                        }
                    }
                }
            } catch (JacksonException e) {
                deciding.add(refused(index, 400, new FieldError("$[" + index + "]", "not valid JSON: " + e.getOriginalMessage())));
            }
            writeRecorded(json, recording);
            writeRecorded(json, record(deciding));
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** An item read and decided (not yet recorded), or refused with its status and errors. */
    private record Decided(int index, int status, List<FieldError> errors, DecisionService.Unrecorded decision) {
    }

    /** An item's outcome: refused with errors, or a decision that is being recorded. */
    private record Result(int index, int status, List<FieldError> errors, CompletableFuture<DecisionResponseV1> decision) {
    }

    private static CompletableFuture<Decided> refused(int index, int status, FieldError error) {
        return CompletableFuture.completedFuture(new Decided(index, status, List.of(error), null));
    }

    /** Runs on a batch decider. */
    private Decided decide(int index, JsonNode item) {
        try {
            return new Decided(index, 200, List.of(), service.decideUnrecorded(reader.read(item)));
        } catch (InvalidRequestException e) {
            return new Decided(index, 400, e.errors(), null);
        } catch (UnknownRulesetException e) {
            return new Decided(index, 404, List.of(new FieldError("area", e.getMessage())), null);
        } catch (RuleConflictException e) {
            log.error("rule set defect in batch item {}: {}", index, e.getMessage());
            return new Decided(index, 500, List.of(new FieldError("$[" + index + "]", "the rule set could not decide this case: "
                    + e.getMessage())), null);
        } catch (RuleLimitExceededException e) {
            log.error("batch item {} not decided: {}", index, e.getMessage());
            return new Decided(index, 500, List.of(new FieldError("$[" + index + "]", "rule_limit_exceeded: rule set " + e.ruleset()
                    + " was stopped at " + e.limit() + "; this item was not decided")), null);
        }
    }

    /** Hands the chunk's decisions to the recorder in request order, as each is decided. */
    private List<Result> record(List<CompletableFuture<Decided>> chunk) {
        List<Result> results = new ArrayList<>(chunk.size());
        for (CompletableFuture<Decided> item : chunk) {
            Decided d = DecisionService.await(item);
            results.add(new Result(d.index(), d.status(), d.errors(), d.decision() == null ? null : service.record(d.decision())));
        }
        return results;
    }

    /**
     * Writes the results, in order, each decision only once it is recorded (the decisions of a chunk are
     * committed to the log together). A decision that could not be recorded is sent as an error.
     */
    private static void writeRecorded(JsonGenerator json, List<Result> results) {
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
    }

    private static void error(JsonGenerator json, int index, int status, List<FieldError> errors) {
        json.writeStartObject();
        json.writeNumberProperty("index", index);
        json.writeNumberProperty("status", status);
        json.writePOJOProperty("errors", errors);
        json.writeEndObject();
    }
}
