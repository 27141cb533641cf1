package org.referraldecisions.audit;

import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decision log as a corpus: the logged decisions a {@link LogQuery} selects, as the requests that were decided,
 * one JSON object per line ({@code decisionId}, {@code decidedAt}, {@code caseRef}, {@code ruleset}, {@code refer},
 * {@code request}). Only what a reviewer can already read of each decision; a purged record has no request and is
 * counted, not exported. {@code diff --corpus} and {@code diff --from-log} read these lines.
 */
public final class LogExport {

    /** How many lines were written, and how many selected records had been purged of their request. */
    public record Counts(int exported, int purged) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DecisionLog log;

    LogExport(DecisionLog log) {
        this.log = log;
    }

    public Counts export(LogQuery query, Consumer<String> line) {
        int[] counts = new int[2];
        log.forEachMatching(query, r -> {
            if (r.requestJson() == null) {
                counts[1] += query.refer() == null ? 1 : 0;
                return;
            }
            JsonNode response = r.responseJson() == null ? null : JSON.readTree(r.responseJson());
            if (!query.outcomeMatches(response)) {
                return;
            }
            ObjectNode row = JSON.createObjectNode();
            row.put("decisionId", r.decisionId());
            row.put("decidedAt", r.decidedAt().toString());
            row.put("caseRef", r.caseRef());
            ObjectNode ruleset = row.putObject("ruleset");
            ruleset.put("area", r.rulesetArea());
            ruleset.put("version", r.rulesetVersion());
            ruleset.put("sha256", r.rulesetSha256());
            row.put("refer", response != null && response.path("marac").path("refer").asBoolean());
            row.set("request", JSON.readTree(r.requestJson()));
            line.accept(JSON.writeValueAsString(row));
            counts[0]++;
        });
        return new Counts(counts[0], counts[1]);
    }
}
