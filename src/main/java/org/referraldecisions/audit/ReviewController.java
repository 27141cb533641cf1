package org.referraldecisions.audit;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.referraldecisions.service.DecisionResponseV1;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** For review boards: a logged decision, a case's history, replay, and verification of the log's hash chain. */
@RestController
class ReviewController {

    /** A logged decision as stored; {@code request} and {@code response} are null once purged under the retention period. */
    record LoggedDecision(String decisionId, Instant decidedAt, String caseRef, DecisionResponseV1.Ruleset ruleset,
                          long durationMicros, JsonNode request, JsonNode response, Instant purgedAt, Chain chain) {
    }

    record Chain(long seq, String requestSha256, String responseSha256, String prevHash, String recordHash) {
    }

    private static final int HISTORY_LIMIT = 1000;

    private final DecisionLog decisionLog;
    private final Replayer replayer;
    private final ChainVerifier verifier;
    private final JsonMapper json;

    ReviewController(DecisionLog decisionLog, Replayer replayer, ChainVerifier verifier, JsonMapper json) {
        this.decisionLog = decisionLog;
        this.replayer = replayer;
        this.verifier = verifier;
        this.json = json;
    }

    @Operation(summary = "A logged decision: the exact request and response, the rule set by hash, and its place in the hash chain")
    @GetMapping("/v1/decisions/{id}")
    LoggedDecision decision(@PathVariable String id) {
        return view(find(id));
    }

    @Operation(summary = "A case's decisions, newest first (at most 1000)")
    @GetMapping("/v1/decisions")
    List<LoggedDecision> history(@RequestParam String caseRef) {
        return decisionLog.history(caseRef, HISTORY_LIMIT).stream().map(this::view).toList();
    }

    @Operation(summary = "Decide the logged request again, with the archived rule set (or another loaded version), and compare")
    @PostMapping("/v1/decisions/{id}/replay")
    Replayer.Report replay(@PathVariable String id, @RequestParam(required = false) String rulesetVersion) {
        DecisionRecord record = find(id);
        try {
            return replayer.replay(record, rulesetVersion);
        } catch (Replayer.PurgedException e) {
            throw problem(HttpStatus.GONE, "decision_purged", "Decision past its retention period", e.getMessage());
        }
    }

    @Operation(summary = "Walk the decision log's hash chain; names the first record that fails")
    @GetMapping("/v1/decisions/verify")
    ChainVerifier.Verification verify() {
        return verifier.verify();
    }

    private DecisionRecord find(String id) {
        return decisionLog.find(id).orElseThrow(() ->
                problem(HttpStatus.NOT_FOUND, "unknown_decision", "Unknown decision", "no decision with id " + id + " in the log"));
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
