package org.referraldecisions.golden;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.referraldecisions.decision.RuleLimitExceededException;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionRequestV1;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;
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
            decision = service.decide(reader.read(throughLibraryVersion(goldenCase, requestOf(goldenCase))));
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
     * The requests of the golden cases under {@code casesDir} that the reader accepts, each pinned as {@link #requestOf}
     * pins it: the cases that decide, for warming the engine up and for benchmarks. Cases that expect a refusal are
     * left out, and so is a directory that cannot be read (nothing to warm with is not an error).
     */
    public static List<DecisionRequestV1> requestsThatDecide(java.nio.file.Path casesDir, DecisionRequestReader reader) {
        List<DecisionRequestV1> requests = new ArrayList<>();
        for (GoldenCase c : GoldenCaseLoader.load(casesDir, new ArrayList<>())) {
            try {
                requests.add(reader.read(requestOf(c)));
            } catch (RuntimeException refused) {
                // a case that expects a refusal
            }
        }
        return requests;
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

    /**
     * A case under a library's folder ({@code common/<version>/}) tests that library version: it is decided by the
     * version of the area it names that includes that library version (the one in force on its {@code asOf}, else
     * the latest). Where no version of the area includes it, the case decides by date like any other.
     */
    private JsonNode throughLibraryVersion(GoldenCase goldenCase, JsonNode request) {
        String[] parts = goldenCase.name().split("/");
        JsonNode area = request.get("area");
        JsonNode asOf = request.get("asOf");
        if (parts.length < 3 || request.has("rulesetVersion") || area == null || !area.isString() || parts[0].equals(area.stringValue())
                || asOf == null || !asOf.isString()) {
            return request;
        }
        RulesetId library = new RulesetId(parts[0], parts[1]);
        List<CompiledRuleset> including = service.catalog().all().stream()
                .filter(r -> r.id().area().equals(area.stringValue()) && r.manifest().includes().contains(library)).toList();
        if (including.isEmpty()) {
            return request;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(asOf.stringValue());
        } catch (java.time.format.DateTimeParseException e) {
            return request; // the reader refuses it, naming the field
        }
        CompiledRuleset chosen = including.stream().filter(r -> r.manifest().inForceOn(date)).findFirst()
                .orElse(including.stream().max(Comparator.comparing(r -> r.manifest().effectiveFrom())).orElseThrow());
        ObjectNode pinned = ((ObjectNode) request).deepCopy();
        pinned.put("rulesetVersion", chosen.id().version());
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
