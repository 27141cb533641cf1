package org.referraldecisions.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.referraldecisions.service.DecisionResponseV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision log for doors other than the HTTP API (the explorer): a logged decision, a case's history,
 * replay and chain verification, as public read-only views. Each call names who asks ({@code actor}, a key's
 * principal name) and goes through {@link DecisionReviews}, so it is in the read audit like the API's reads
 * (review boards must show who saw case data).
 */
public final class ReviewService {

    /** A logged decision as stored; {@code request} and {@code response} are null once purged under the retention period. */
    public record Logged(String decisionId, Instant decidedAt, String caseRef, DecisionResponseV1.Ruleset ruleset, long durationMicros,
                         JsonNode request, JsonNode response, Instant purgedAt, long seq, String recordHash) {
    }

    /** A replay: identical or not, with each differing field and its logged and replayed values (as JSON text). */
    public record Replay(String decisionId, DecisionResponseV1.Ruleset original, DecisionResponseV1.Ruleset replayedWith,
                         boolean identical, List<Difference> differences) {
    }

    public record Difference(String field, String original, String replayed) {
    }

    /** A walk of the hash chain: how many records, and the first that failed (null fields when verified). */
    public record Verification(boolean verified, long records, Long failedSeq, String failedDecisionId, String reason) {
    }

    /** Logged requests to decide again (a corpus for comparing versions): each with its decision id; how many more there were. */
    public record Corpus(List<LoggedRequest> requests, int notIncluded, int purged) {
    }

    public record LoggedRequest(String decisionId, JsonNode request) {
    }

    /** The record's bodies were removed under the retention period. */
    public static final class PurgedException extends RuntimeException {
        PurgedException(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);
    private static final int HISTORY_LIMIT = 1000;

    private final DecisionLog decisionLog;
    private final DecisionReviews reviews;
    private final ReadAudit audit;
    private final JsonMapper json;

    ReviewService(DecisionLog decisionLog, DecisionReviews reviews, ReadAudit audit, JsonMapper json) {
        this.decisionLog = decisionLog;
        this.reviews = reviews;
        this.audit = audit;
        this.json = json;
    }

    public Optional<Logged> find(String actor, String decisionId) {
        return reviews.read(actor, decisionId).map(this::view);
    }

    /** A case's decisions, newest first (at most 1000). */
    public List<Logged> history(String actor, String caseRef) {
        return reviews.history(actor, caseRef, HISTORY_LIMIT).stream().map(this::view).toList();
    }

    /** Decides the logged request again with the rule set that decided it; empty when there is no such decision. */
    public Optional<Replay> replay(String actor, String decisionId) {
        Optional<DecisionRecord> record = decisionLog.find(decisionId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Replayer.Report report;
        try {
            report = reviews.replay(actor, record.get(), null);
        } catch (Replayer.PurgedException e) {
            throw new PurgedException(e.getMessage());
        }
        log.info("decision {} replayed by {}: {}", decisionId, actor, report.identical() ? "identical" : "differs");
        return Optional.of(new Replay(report.decisionId(), report.original(), report.replayedWith(), report.identical(),
                report.differences().stream().map(d -> new Difference(d.field(), String.valueOf(d.original()), String.valueOf(d.replayed()))).toList()));
    }

    /**
     * The requests of an area's logged decisions decided {@code from..to} (UTC days, either open), oldest first, at most
     * {@code max}: the decision log as a corpus, as {@link LogExport} gives it to the {@code diff} command.
     */
    public Corpus corpus(String actor, String area, LocalDate from, LocalDate to, int max) {
        LogQuery query = new LogQuery(from, to, area, null, null);
        List<LoggedRequest> requests = new ArrayList<>();
        int[] counts = new int[2];
        decisionLog.forEachMatching(query, r -> {
            if (r.requestJson() == null) {
                counts[1]++;
            } else if (requests.size() < max) {
                requests.add(new LoggedRequest(r.decisionId(), json.readTree(r.requestJson())));
            } else {
                counts[0]++;
            }
        });
        audit.record(actor, ReadAudit.Action.EXPORT, query.describe() + " (explorer: versions compared over the log)", requests.size(),
                requests.stream().map(LoggedRequest::decisionId).toList());
        log.info("decision log corpus of {} requests ({}) read by {}", requests.size(), query.describe(), actor);
        return new Corpus(requests, counts[0], counts[1]);
    }

    public Verification verify(String actor) {
        ChainVerifier.Verification v = reviews.verify(actor, List.of());
        log.info("decision log chain verified by {}: {} records, {}", actor, v.records(), v.verified() ? "intact" : "broken");
        ChainVerifier.FirstFailure f = v.firstFailure();
        return new Verification(v.verified(), v.records(), f == null ? null : f.seq(), f == null ? null : f.decisionId(), f == null ? null : f.reason());
    }

    private Logged view(DecisionRecord r) {
        return new Logged(r.decisionId(), r.decidedAt(), r.caseRef(),
                new DecisionResponseV1.Ruleset(r.rulesetArea(), r.rulesetVersion(), r.rulesetSha256()), r.durationMicros(),
                r.requestJson() == null ? null : json.readTree(r.requestJson()),
                r.responseJson() == null ? null : json.readTree(r.responseJson()), r.purgedAt(), r.seq(), r.recordHash());
    }
}
