package org.referraldecisions.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.referraldecisions.service.DecisionResponseV1;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** For review boards: a logged decision, a case's history, listings and exports of the log, replay, and verification of its hash chain. */
@RestController
class ReviewController {

    /** A logged decision as stored; {@code request} and {@code response} are null once purged under the retention period. */
    @Schema(name = "LoggedDecision")
    record LoggedDecision(String decisionId, Instant decidedAt, String caseRef, DecisionResponseV1.Ruleset ruleset,
                          long durationMicros,
                          @Schema(implementation = org.referraldecisions.service.DecisionRequestV1.class, nullable = true,
                                  description = "the request as decided (asOf filled in); null once purged") JsonNode request,
                          @Schema(implementation = DecisionResponseV1.class, nullable = true,
                                  description = "the response as sent; null once purged") JsonNode response,
                          @Schema(description = "when the request and response were removed under the retention period; null until then",
                                  nullable = true) Instant purgedAt,
                          Chain chain) {
    }

    @Schema(name = "LogChain", description = "The record's place in the decision log's hash chain")
    record Chain(long seq, String requestSha256, String responseSha256, String prevHash, String recordHash) {
    }

    private static final int HISTORY_LIMIT = 1000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReviewController.class);

    private final DecisionLog decisionLog;
    private final DecisionReviews reviews;
    private final JsonMapper json;

    ReviewController(DecisionLog decisionLog, DecisionReviews reviews, JsonMapper json) {
        this.decisionLog = decisionLog;
        this.reviews = reviews;
        this.json = json;
    }

    @Operation(summary = "A logged decision: the exact request and response, the rule set by hash, and its place in the hash chain")
    @GetMapping("/v1/decisions/{id}")
    LoggedDecision decision(@PathVariable String id, Principal who) {
        return view(find(id, () -> reviews.read(actor(who), id)));
    }

    /** One page of a listing: the decisions on it, oldest first, and whether another page follows. */
    @Schema(name = "DecisionPage")
    record DecisionPage(List<LoggedDecision> decisions, int page, int size, boolean more) {
    }

    @Operation(summary = "With caseRef: a case's decisions, newest first (at most 1000). Without: the decisions decided "
            + "from..to (UTC days, both included), of an area, a rule set version, referred or not; paged, oldest first")
    @GetMapping("/v1/decisions")
    Object list(@RequestParam(required = false) String caseRef, @RequestParam(required = false) LocalDate from,
                @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String area,
                @RequestParam(required = false) String version, @RequestParam(required = false) Boolean refer,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size, Principal who) {
        if (caseRef != null) {
            return reviews.history(actor(who), caseRef, HISTORY_LIMIT).stream().map(this::view).toList();
        }
        if (page < 0 || size < 1 || size > HISTORY_LIMIT) {
            throw problem(HttpStatus.BAD_REQUEST, "invalid_parameter", "Invalid paging", "page must be 0 or more and size 1 to " + HISTORY_LIMIT);
        }
        LogQuery query = query(from, to, area, version, refer);
        DecisionReviews.Page listed = reviews.list(actor(who), query, page, size);
        return new DecisionPage(listed.records().stream().map(this::view).toList(), page, size, listed.more());
    }

    @Operation(summary = "The selected decisions' requests as decided, one JSON object a line (application/x-ndjson): "
            + "the corpus for the diff command. The export is itself logged: who, what range, how many")
    @GetMapping(value = "/v1/decisions/export", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                                                 @RequestParam(required = false) String area, @RequestParam(required = false) String version,
                                                 @RequestParam(required = false) Boolean refer, Principal who) {
        LogQuery query = query(from, to, area, version, refer);
        String by = actor(who);
        StreamingResponseBody body = stream -> {
            var writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
            LogExport.Counts counts = reviews.export(by, query, line -> {
                try {
                    writer.write(line);
                    writer.write('\n');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
            LOG.info("decision log export by {} ({}): {} decisions exported, {} purged", by, query.describe(), counts.exported(), counts.purged());
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson")).body(body);
    }

    private static LogQuery query(LocalDate from, LocalDate to, String area, String version, Boolean refer) {
        try {
            return new LogQuery(from, to, area, version, refer);
        } catch (IllegalArgumentException e) {
            throw problem(HttpStatus.BAD_REQUEST, "invalid_parameter", "Invalid range", e.getMessage());
        }
    }

    @Operation(summary = "Decide the logged request again, with the archived rule set (or another loaded version), and compare")
    @PostMapping("/v1/decisions/{id}/replay")
    Replayer.Report replay(@PathVariable String id, @RequestParam(required = false) String rulesetVersion, Principal who) {
        DecisionRecord record = find(id, () -> decisionLog.find(id));
        try {
            return reviews.replay(actor(who), record, rulesetVersion);
        } catch (Replayer.PurgedException e) {
            throw problem(HttpStatus.GONE, "decision_purged", "Decision past its retention period", e.getMessage());
        }
    }

    @Operation(summary = "Walk the decision log: keyed hashes, the chain, every signed checkpoint (database and checkpoint files); "
            + "names the first record that fails or the missing tail")
    @GetMapping("/v1/decisions/verify")
    ChainVerifier.Verification verify(Principal who) {
        return reviews.verify(actor(who), List.of());
    }

    /** A decision id as the service makes them: a UUID (version 7), written in hex with hyphens. */
    private static final java.util.regex.Pattern DECISION_ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The logged decision {@code read} gives: 400 for an id no decision could have, 404 for none, 500 for an altered record. */
    private DecisionRecord find(String id, java.util.function.Supplier<java.util.Optional<DecisionRecord>> read) {
        if (!DECISION_ID.matcher(id).matches()) {
            // Not a 404: no decision could ever have this id, so the caller has a defect, not a stale reference.
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "1 field(s) are invalid; nothing was done");
            problem.setTitle("Invalid request");
            problem.setType(URI.create("urn:referral-decisions:problem:invalid_request"));
            problem.setProperty("code", "invalid_request");
            problem.setProperty("errors", List.of(new org.referraldecisions.service.FieldError("id", "must be a decision id (a UUID)")));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        try {
            return read.get().orElseThrow(() -> unknown(id));
        } catch (DecisionLog.UnreadableBodyException e) {
            // Not the caller's fault and not a body to show: the stored record was altered (or its data key is lost).
            throw problem(HttpStatus.INTERNAL_SERVER_ERROR, "decision_unreadable", "Logged decision cannot be read",
                    "decision " + id + " (record #" + e.seq() + "): " + e.getMessage() + "; run verify");
        }
    }

    @Operation(summary = "As GET, and also check receipts (a JSON array of receipts, or of decision responses carrying one): "
            + "signed, and the log holds each record exactly as receipted")
    @PostMapping(value = "/v1/decisions/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    ChainVerifier.Verification verifyReceipts(@org.springframework.web.bind.annotation.RequestBody JsonNode receipts, Principal who) {
        try {
            return reviews.verify(actor(who), ReceiptReader.read(receipts));
        } catch (IllegalArgumentException e) {
            throw problem(HttpStatus.BAD_REQUEST, "invalid_receipt", "Invalid receipt", e.getMessage());
        }
    }

    /** Who is reading: the key id (API keys) or token subject (JWT), never the key. */
    static String actor(Principal who) {
        return who == null ? "unknown" : who.getName();
    }

    private static ErrorResponseException unknown(String id) {
        return problem(HttpStatus.NOT_FOUND, "unknown_decision", "Unknown decision", "no decision with id " + id + " in the log");
    }

    private LoggedDecision view(DecisionRecord r) {
        return new LoggedDecision(r.decisionId(), r.decidedAt(), r.caseRef(),
                new DecisionResponseV1.Ruleset(r.rulesetArea(), r.rulesetVersion(), r.rulesetSha256()), r.durationMicros(),
                r.requestJson() == null ? null : json.readTree(r.requestJson()),
                r.responseJson() == null ? null : json.readTree(r.responseJson()), r.purgedAt(),
                new Chain(r.seq(), r.requestSha256(), r.responseSha256(), r.prevHash(), r.recordHash()));
    }

    /** A problem+json error with the same stable {@code code} property as every other error of the API. */
    private static ErrorResponseException problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:referral-decisions:problem:" + code));
        problem.setProperty("code", code);
        return new ErrorResponseException(status, problem, null);
    }
}
