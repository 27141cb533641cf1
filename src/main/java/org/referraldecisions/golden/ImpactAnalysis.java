package org.referraldecisions.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.InvalidRequestException;
import org.referraldecisions.ruleset.RulesetId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Impact analysis of a rule set revision: decides every case under two versions and lists each case
 * whose decision changes, field by field, with a count per field. Cases are requests: golden cases
 * and/or a corpus of past requests (e.g. exported from the decision log).
 */
public final class ImpactAnalysis {

    /** The fields compared, in the order they are reported. */
    static final Map<String, Function<DecisionResponseV1, Object>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("marac.refer", d -> d.marac().refer());
        FIELDS.put("marac.grounds", d -> d.marac().grounds());
        FIELDS.put("marac.repeat", d -> d.marac().repeat());
        FIELDS.put("marac.hearing", d -> d.marac().hearing());
        FIELDS.put("marac.lead", d -> d.marac().lead());
        FIELDS.put("informationSharing.basis", d -> d.informationSharing().basis());
        FIELDS.put("mappa.eligible", d -> d.mappa().eligible());
        FIELDS.put("mappa.category", d -> d.mappa().category());
        FIELDS.put("mappa.recommendedLevel", d -> d.mappa().recommendedLevel());
        FIELDS.put("mappa.leads", d -> d.mappa().leads());
    }

    /** One field of one case that the revision changes. */
    public record Change(String field, String from, String to) {
    }

    /** One case whose decision changes (or that one version could not decide). */
    public record CaseImpact(String caseName, List<Change> changes) {
    }

    /** Every case decided, those that change, and how many change per field. */
    public record Report(RulesetId from, RulesetId to, int casesDecided, List<CaseImpact> changed,
                         Map<String, Integer> changesPerField, List<String> skipped) {
    }

    /** A request to decide under both versions, named for the report. */
    public record NamedRequest(String name, JsonNode request) {
    }

    private final DecisionRequestReader reader;
    private final DecisionService service;

    public ImpactAnalysis(DecisionRequestReader reader, DecisionService service) {
        this.reader = reader;
        this.service = service;
    }

    public Report compare(RulesetId from, RulesetId to, List<NamedRequest> requests) {
        List<CaseImpact> changed = new ArrayList<>();
        Map<String, Integer> perField = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        int decided = 0;
        for (NamedRequest named : requests) {
            DecisionResponseV1 before;
            DecisionResponseV1 after;
            try {
                before = service.decide(reader.read(pin(named.request(), from)));
                after = service.decide(reader.read(pin(named.request(), to)));
            } catch (InvalidRequestException e) {
                skipped.add(named.name() + ": not a valid request (" + e.errors().size() + " invalid fields)");
                continue;
            }
            decided++;
            List<Change> changes = new ArrayList<>();
            FIELDS.forEach((field, value) -> {
                Object a = value.apply(before);
                Object b = value.apply(after);
                if (!Objects.equals(a, b)) {
                    changes.add(new Change(field, String.valueOf(a), String.valueOf(b)));
                    perField.merge(field, 1, Integer::sum);
                }
            });
            if (!changes.isEmpty()) {
                changed.add(new CaseImpact(named.name(), changes));
            }
        }
        return new Report(from, to, decided, changed, perField, skipped);
    }

    private static JsonNode pin(JsonNode request, RulesetId version) {
        ObjectNode pinned = ((ObjectNode) request).deepCopy();
        pinned.put("area", version.area());
        pinned.put("rulesetVersion", version.version());
        return pinned;
    }
}
