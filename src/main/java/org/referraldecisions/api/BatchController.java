package org.referraldecisions.api;

import org.referraldecisions.service.BatchItems;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;
import org.referraldecisions.service.RequestLimits;

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
import org.referraldecisions.observability.OperationsMetrics;
import org.referraldecisions.decision.RuleLimitExceededException;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/decisions/batch}: many cases in one request, as a JSON array or as NDJSON (one
 * request per line, {@code application/x-ndjson}). Each item is read ({@link BatchItems}) and validated on
 * its own: a bad item gets its own status, {@code code} and errors and the rest are decided. Results come
 * back in order, written a chunk at a time once the chunk's decisions are logged.
 *
 * <p>The whole body (at most {@code referrals.limits.batch-size}; 413 past it, before a byte is read when
 * its length is declared) is read before anything is decided or answered: most clients send their whole
 * request before they read any of the answer, and results written back during the upload would fill the
 * connection both ways until each side waited on the other. Bodies held in memory are bounded by
 * {@code referrals.batch.concurrent} batches at once; a batch waits up to {@code referrals.batch.wait} for
 * its turn, then is refused with 503 and {@code Retry-After}. A chunk is handed to the decision log only once
 * the results before it have been written, so a client that goes away leaves at most one chunk logged and
 * not received.
 *
 * <p>Items are decided on the batch deciders (one thread per core), and recorded from this thread in request
 * order, so the decision log holds a batch in the order it was sent. While one chunk is being decided, the
 * chunk before it is being committed to the log.
 */
@RestController
class BatchController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Items decided before they are recorded: the decision log commits them together. */
    private static final int CHUNK = 256;
    private static final Logger log = LoggerFactory.getLogger(BatchController.class);

    private final DecisionRequestReader reader;
    private final DecisionService service;
    private final Executor deciders;
    private final RequestLimits limits;
    private final int maxItems;
    private final int concurrent;
    private final Semaphore turns;
    private final Duration wait;
    private final OperationsMetrics metrics;

    BatchController(DecisionRequestReader reader, DecisionService service, BatchDeciders deciders, OperationsMetrics metrics,
                    @Value("${referrals.batch.max-items:10000}") int maxItems,
                    @Value("${referrals.batch.concurrent:2}") int concurrent,
                    @Value("${referrals.batch.wait:30s}") Duration wait) {
        this.reader = reader;
        this.service = service;
        this.deciders = deciders.executor();
        this.limits = reader.limits();
        this.maxItems = maxItems;
        this.concurrent = Math.max(1, concurrent);
        this.turns = new Semaphore(this.concurrent, true);
        this.wait = wait;
        this.metrics = metrics;
    }

    /** Too many batches are being read and decided at once; the client may retry after a while. */
    static final class BatchesBusyException extends RuntimeException {
        BatchesBusyException(int concurrent, Duration waited) {
            super(concurrent + " batches are being decided and this one waited " + waited.toSeconds()
                    + " s for its turn; nothing of it was read or decided, send it again later");
        }
    }

    @Operation(summary = "Decide many cases", description = "Body: a JSON array of decision requests, or NDJSON. "
            + "Response: {\"results\": [{\"index\", \"line\" (NDJSON), \"status\", \"decision\" | \"code\", \"errors\"}]} in request order. "
            + "A body over referrals.limits.batch-size gives 413.")
    @PostMapping(path = "/v1/decisions/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/x-ndjson"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    void batch(HttpServletRequest request, HttpServletResponse response) throws IOException, InterruptedException {
        RequestBodies.checkDeclaredLength(request, limits.batchBytes(), RequestBodies.BATCH_SIZE);
        if (!turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BatchesBusyException(concurrent, wait);
        }
        try {
            InputStream body = new ByteArrayInputStream(RequestBodies.read(request, limits.batchBytes(), RequestBodies.BATCH_SIZE));
            boolean ndjson = request.getContentType() != null && request.getContentType().startsWith("application/x-ndjson");
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            // Written on this thread: no asynchronous request whose timeout would cut a long batch short.
            write(ndjson ? BatchItems.ndjson(body, limits, maxItems) : BatchItems.array(body, limits, maxItems), response.getOutputStream());
        } finally {
            turns.release();
        }
    }

    /** How many more batches could be taken on now (for tests). */
    int freeTurns() {
        return turns.availablePermits();
    }

    private void write(BatchItems items, OutputStream out) throws IOException {
        try (items; JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeName("results");
            json.writeStartArray();
            List<CompletableFuture<Decided>> deciding = new ArrayList<>(CHUNK);
            List<Result> recording = List.of();
            int count = 0;
            for (BatchItems.Item item = items.next(); item != null; item = items.next()) {
                count++;
                BatchItems.Item read = item;
                deciding.add(read.request() == null
                        ? CompletableFuture.completedFuture(Decided.refused(read, codeFor(read.status()), read.errors(), 0))
                        : CompletableFuture.supplyAsync(() -> decide(read), deciders));
                if (deciding.size() == CHUNK) {
                    // The chunk before is written (once committed) before this one goes to the log: if the
                    // client has gone, writing fails and nothing more is logged that no one will receive.
                    writeRecorded(json, recording);
                    json.flush();
                    recording = record(deciding);
                    deciding = new ArrayList<>(CHUNK);
                }
            }
            writeRecorded(json, recording);
            writeRecorded(json, record(deciding));
            json.writeEndArray();
            json.writeEndObject();
            metrics.batch(count);
        }
    }

    /** An item read and decided (not yet recorded), or refused with its status, code and errors. */
    private record Decided(int index, Integer line, int status, String code, List<FieldError> errors, int errorsNotShown,
                           DecisionService.Unrecorded decision) {

        static Decided refused(BatchItems.Item item, String code, List<FieldError> errors, int errorsNotShown) {
            return refused(item, item.status(), code, errors, errorsNotShown);
        }

        static Decided refused(BatchItems.Item item, int status, String code, List<FieldError> errors, int errorsNotShown) {
            return new Decided(item.index(), item.line(), status, code, errors, errorsNotShown, null);
        }
    }

    /** An item's outcome: refused with errors, or a decision that is being recorded. */
    private record Result(Decided item, CompletableFuture<DecisionResponseV1> decision) {
    }

    private static String codeFor(int status) {
        return status == 400 ? Problems.INVALID_REQUEST : Problems.codeFor(status);
    }

    /** Runs on a batch decider. Whatever happens to one item, the others are decided. */
    private Decided decide(BatchItems.Item item) {
        try {
            return new Decided(item.index(), item.line(), 200, null, List.of(), 0, service.decideUnrecorded(reader.read(item.request())));
        } catch (InvalidRequestException e) {
            return Decided.refused(item, 400, Problems.INVALID_REQUEST, e.errors(), e.notShown());
        } catch (UnknownRulesetException e) {
            return Decided.refused(item, 404, "unknown_ruleset", List.of(new FieldError("area", e.getMessage())), 0);
        } catch (RuleConflictException e) {
            log.error("rule set defect in batch item {}: {}", item.index(), e.getMessage());
            return Decided.refused(item, 500, "evaluation_error", List.of(new FieldError("$", "the rule set could not decide this case: "
                    + e.getMessage())), 0);
        } catch (RuleLimitExceededException e) {
            log.error("batch item {} not decided: {}", item.index(), e.getMessage());
            return Decided.refused(item, 500, "rule_limit_exceeded", List.of(new FieldError("$", "rule set " + e.ruleset()
                    + " was stopped at " + e.limit() + "; this item was not decided")), 0);
        } catch (RuntimeException e) {
            log.error("batch item {} could not be decided", item.index(), e);
            return Decided.refused(item, 500, Problems.INTERNAL_ERROR, List.of(new FieldError("$",
                    "the service failed to decide this item; nothing was recorded for it")), 0);
        }
    }

    /** Hands the chunk's decisions to the recorder in request order, as each is decided. */
    private List<Result> record(List<CompletableFuture<Decided>> chunk) {
        List<Result> results = new ArrayList<>(chunk.size());
        for (CompletableFuture<Decided> item : chunk) {
            Decided d = DecisionService.await(item);
            results.add(new Result(d, d.decision() == null ? null : service.record(d.decision())));
        }
        return results;
    }

    /**
     * Writes the results, in order, each decision only once it is recorded (the decisions of a chunk are
     * committed to the log together). A decision that could not be recorded is sent as an error.
     */
    private static void writeRecorded(JsonGenerator json, List<Result> results) {
        for (Result r : results) {
            Decided item = r.item();
            if (r.decision() == null) {
                error(json, item);
                continue;
            }
            DecisionResponseV1 decision;
            try {
                decision = DecisionService.await(r.decision());
            } catch (RuntimeException notRecorded) {
                log.error("batch item {} was decided but could not be recorded; sent as an error", item.index(), notRecorded);
                error(json, new Decided(item.index(), item.line(), 500, "not_recorded", List.of(new FieldError("$",
                        "the decision could not be recorded in the decision log, so it is not given")), 0, null));
                continue;
            }
            json.writeStartObject();
            json.writeNumberProperty("index", item.index());
            if (item.line() != null) {
                json.writeNumberProperty("line", item.line());
            }
            json.writeNumberProperty("status", 200);
            json.writePOJOProperty("decision", decision);
            json.writeEndObject();
        }
    }

    private static void error(JsonGenerator json, Decided item) {
        json.writeStartObject();
        json.writeNumberProperty("index", item.index());
        if (item.line() != null) {
            json.writeNumberProperty("line", item.line());
        }
        json.writeNumberProperty("status", item.status());
        json.writeStringProperty("code", item.code());
        json.writePOJOProperty("errors", item.errors());
        if (item.errorsNotShown() > 0) {
            json.writeNumberProperty("errorsNotShown", item.errorsNotShown());
        }
        json.writeEndObject();
    }
}
