package org.referraldecisions.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.RulesetRegistry;
import org.referraldecisions.ruleset.UnknownRulesetException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides a logged request again and compares the decision with the logged one: with the archived rule
 * set that decided it (same hash, so it must be identical), or with another loaded version of the area
 * ("what would be decided now"). Nothing is logged by a replay.
 */
final class Replayer {

    /** The parts of a response that are the decision; id and time are not. */
    static final List<String> DECISION_FIELDS = List.of("marac", "informationSharing", "mappa", "actions", "firedRules",
            "unmetCriteria", "warnings");

    @Schema(name = "ReplayReport", description = "The logged decision decided again and compared field by field with what was logged")
    record Report(String decisionId, DecisionResponseV1.Ruleset original, DecisionResponseV1.Ruleset replayedWith,
                  boolean identical, List<Difference> differences) {
    }

    @Schema(name = "ReplayDifference", description = "One part of the decision that differs: its path, the logged value and the replayed value (any JSON value; null when absent)")
    record Difference(String field,
                      @Schema(description = "the value as logged (any JSON value)", nullable = true) JsonNode original,
                      @Schema(description = "the value as replayed (any JSON value)", nullable = true) JsonNode replayed) {
    }

    private final RulesetRegistry registry;
    private final RulesetArchive archive;
    private final DecisionService service;
    private final DecisionRequestReader reader;
    private final JsonMapper json;

    Replayer(RulesetRegistry registry, RulesetArchive archive, DecisionService service, DecisionRequestReader reader, JsonMapper json) {
        this.registry = registry;
        this.archive = archive;
        this.service = service;
        this.reader = reader;
        this.json = json;
    }

    /** @param otherVersion a loaded version of the same area to decide with instead, or null for the archived one */
    Report replay(DecisionRecord record, String otherVersion) {
        if (record.requestJson() == null || record.responseJson() == null) {
            throw new PurgedException(record.decisionId(), record.purgedAt());
        }
        CompiledRuleset ruleset = otherVersion == null ? original(record) : registry.current()
                .find(new RulesetId(record.rulesetArea(), otherVersion))
                .orElseThrow(() -> new UnknownRulesetException("no loaded version '" + otherVersion + "' of area '" + record.rulesetArea() + "'"));
        DecisionResponseV1 replayed = service.decideWith(ruleset, reader.read(json.readTree(record.requestJson())));
        JsonNode before = json.readTree(record.responseJson());
        JsonNode after = json.valueToTree(replayed);
        List<Difference> differences = new ArrayList<>();
        for (String field : DECISION_FIELDS) {
            compare(field, before.path(field), after.path(field), differences);
        }
        return new Report(record.decisionId(),
                new DecisionResponseV1.Ruleset(record.rulesetArea(), record.rulesetVersion(), record.rulesetSha256()),
                replayed.ruleset(), differences.isEmpty(), differences);
    }

    /** The rule set with the logged hash: the loaded one if its content is unchanged, else the archived one. */
    private CompiledRuleset original(DecisionRecord record) {
        return registry.current().all().stream().filter(r -> r.sha256().equals(record.rulesetSha256())).findFirst()
                .or(() -> archive.load(record.rulesetSha256()))
                .orElseThrow(() -> new IllegalStateException("rule set " + record.rulesetSha256() + " is not in the archive"));
    }

    /** Objects are compared field by field, so a difference names e.g. {@code marac.hearing}; lists as a whole. */
    private static void compare(String path, JsonNode before, JsonNode after, List<Difference> differences) {
        if (before.isObject() && after.isObject()) {
            List<String> names = new ArrayList<>(before.propertyNames());
            after.propertyNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
            for (String name : names) {
                compare(path + "." + name, before.path(name), after.path(name), differences);
            }
        } else if (!before.equals(after)) {
            differences.add(new Difference(path, before, after));
        }
    }

    /** The record's bodies were removed under the retention period; it can no longer be replayed. */
    static final class PurgedException extends RuntimeException {
        PurgedException(String decisionId, java.time.Instant purgedAt) {
            super("decision " + decisionId + " is past its retention period: its request and response were removed"
                    + (purgedAt == null ? "" : " at " + purgedAt) + " and its month's data key is destroyed, so it cannot be replayed");
        }
    }

}
