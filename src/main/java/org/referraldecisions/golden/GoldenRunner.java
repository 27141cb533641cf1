package org.referraldecisions.golden;

import java.util.ArrayList;
import java.util.List;

import org.referraldecisions.decision.RuleLimitExceededException;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;
import org.referraldecisions.ruleset.UnknownRulesetException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs golden cases through the same reader and decision service as the HTTP API. A case may also
 * expect a refusal: {@code "expect": {"error": {"status": 400, "fields": ["victim.age"]}}}.
 */
public final class GoldenRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DecisionRequestReader reader;
    private final DecisionService service;

    public GoldenRunner(DecisionRequestReader reader, DecisionService service) {
        this.reader = reader;
        this.service = service;
    }

    public List<GoldenOutcome> runAll(List<GoldenCase> cases) {
        return cases.stream().map(this::run).toList();
    }

    public GoldenOutcome run(GoldenCase goldenCase) {
        DecisionResponseV1 decision;
        JsonNode actual;
        try {
            decision = service.decide(reader.read(requestOf(goldenCase)));
            actual = JSON.valueToTree(decision);
        } catch (InvalidRequestException e) {
            decision = null;
            actual = error(400, e.errors().stream().map(FieldError::field).toList());
        } catch (UnknownRulesetException e) {
            decision = null;
            actual = error(404, List.of());
        } catch (RuleLimitExceededException e) {
            return new GoldenOutcome(goldenCase, null, List.of(new Mismatch(Mismatch.RULE_LIMITS, "a decision within the rule limits", e.getMessage())));
        } catch (RuntimeException e) {
            return new GoldenOutcome(goldenCase, null, List.of(new Mismatch("decision", "a decision", "error: " + e.getMessage())));
        }
        return new GoldenOutcome(goldenCase, decision, ExpectMatcher.compare(goldenCase.expect(), actual));
    }

    /**
     * The case's request, pinned to the version of the directory it sits in when it does not pin one itself.
     * A case under a library's directory ({@code common/<version>/}) decides through the area it names, by date:
     * the library's version is not one of that area's versions.
     */
    public static JsonNode requestOf(GoldenCase goldenCase) {
        String version = goldenCase.versionDirectory();
        JsonNode area = goldenCase.request().get("area");
        boolean ownArea = area != null && area.isString() && goldenCase.name().startsWith(area.stringValue() + "/");
        if (version == null || !ownArea || goldenCase.request().has("rulesetVersion")) {
            return goldenCase.request();
        }
        ObjectNode pinned = ((ObjectNode) goldenCase.request()).deepCopy();
        pinned.put("rulesetVersion", version);
        return pinned;
    }

    private static JsonNode error(int status, List<String> fields) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("status", status);
        fields.forEach(error.putArray("fields")::add);
        return root;
    }

    /** The names of the cases that failed, each with its mismatches, one per line. */
    public static List<String> failures(List<GoldenOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        for (GoldenOutcome outcome : outcomes) {
            if (!outcome.passed()) {
                outcome.mismatches().forEach(m -> lines.add(outcome.goldenCase().name() + ": " + m));
            }
        }
        return lines;
    }
}
