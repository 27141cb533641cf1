package org.referraldecisions.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.referraldecisions.ruleset.RulesetId;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.InvalidRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Impact analysis of a rule set revision: decides every request under two versions and lists each case whose
 * decision changes, with every changed field, and how many cases change per kind of change. The same request
 * met twice (a golden case copied into each version's folder, a request logged twice) is decided and counted once.
 */
public final class ImpactAnalysis {

    /**
     * One difference. A value ({@code marac.refer}, {@code unmetCriteria.REPEAT}) changes {@code from} → {@code to};
     * a list ({@code actions}, {@code warnings}, {@code firedRules}) has entries {@code added} and {@code removed}.
     * {@code kinds} are what the summary counts ("newly referred on REPEAT", "lose action X").
     */
    public record Change(String field, String from, String to, List<String> added, List<String> removed, List<String> kinds) {

        static Change value(String field, String from, String to, String kind) {
            return new Change(field, from, to, null, null, List.of(kind));
        }

        static Change set(String field, List<String> added, List<String> removed, List<String> kinds) {
            return new Change(field, null, null, List.copyOf(added), List.copyOf(removed), List.copyOf(kinds));
        }
    }

    /** One case whose decision changes: its caseRef, where it came from (and where else the same request was met). */
    public record CaseImpact(String caseRef, String source, List<String> alsoIn, List<Change> changes) {
    }

    /** Cases decided, those that change, the number of cases per kind of change (most first), and requests not decided. */
    public record Report(RulesetId from, RulesetId to, int casesDecided, int duplicatesIgnored, List<CaseImpact> changed,
                         Map<String, Integer> casesPerKind, List<String> notDecided) {
    }

    /** A request to decide under both versions, and where it came from (a golden case file, a corpus line). */
    public record NamedRequest(String source, JsonNode request) {
    }

    private final DecisionRequestReader reader;
    private final DecisionService service;

    public ImpactAnalysis(DecisionRequestReader reader, DecisionService service) {
        this.reader = reader;
        this.service = service;
    }

    public Report compare(RulesetId from, RulesetId to, List<NamedRequest> requests) {
        return compare(from, to, requests, (done, total) -> { });
    }

    /** As above; {@code progress} hears after each distinct request how many of how many are done. */
    public Report compare(RulesetId from, RulesetId to, List<NamedRequest> requests, java.util.function.BiConsumer<Integer, Integer> progress) {
        Map<String, List<NamedRequest>> distinct = new LinkedHashMap<>();
        for (NamedRequest named : requests) {
            distinct.computeIfAbsent(sameRequestKey(named.request()), k -> new ArrayList<>()).add(named);
        }
        List<CaseImpact> changed = new ArrayList<>();
        Map<String, Integer> perKind = new TreeMap<>();
        Map<String, Integer> rank = new TreeMap<>();
        List<String> notDecided = new ArrayList<>();
        int decided = 0;
        int done = 0;
        for (List<NamedRequest> same : distinct.values()) {
            progress.accept(done++, distinct.size());
            NamedRequest named = same.get(0);
            DecisionResponseV1 before = decide(named.request(), from);
            DecisionResponseV1 after = decide(named.request(), to);
            List<Change> changes;
            if (before == null && after == null) {
                notDecided.add(named.source() + ": refused as a request under both versions");
                continue;
            } else if (before == null || after == null) {
                changes = List.of(Change.value("decision", before == null ? "refused" : "decided", after == null ? "refused" : "decided",
                        before == null ? "refused before, decided now" : "decided before, refused now"));
            } else {
                changes = DecisionDiff.between(before, after);
            }
            decided++;
            if (!changes.isEmpty()) {
                Set<String> kinds = new LinkedHashSet<>();
                changes.forEach(c -> c.kinds().forEach(k -> {
                    kinds.add(k);
                    rank.putIfAbsent(k, c.field().equals("marac.refer") ? -1 : rank(c.field()));
                }));
                kinds.forEach(k -> perKind.merge(k, 1, Integer::sum));
                changed.add(new CaseImpact(caseRef(named.request()), named.source(),
                        same.subList(1, same.size()).stream().map(NamedRequest::source).toList(), changes));
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        // The outcome first, then actions, unmet criteria, warnings and rules; the most cases first within each.
        perKind.entrySet().stream().sorted(java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(e -> rank.get(e.getKey()))
                        .thenComparing(Map.Entry.<String, Integer>comparingByValue().reversed()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Report(from, to, decided, requests.size() - distinct.size(), changed, sorted, notDecided);
    }

    private static int rank(String field) {
        return field.startsWith("firedRules") ? 4 : field.startsWith("warnings") ? 3 : field.startsWith("unmetCriteria") ? 2
                : field.startsWith("actions") ? 1 : 0;
    }

    /** The decision, or null when the request is refused (invalid). */
    private DecisionResponseV1 decide(JsonNode request, RulesetId version) {
        try {
            return service.decide(reader.read(pin(request, version)));
        } catch (InvalidRequestException e) {
            return null;
        }
    }

    /** Two requests are the same case when they differ at most in the version they pin. */
    private static String sameRequestKey(JsonNode request) {
        if (!request.isObject()) {
            return request.toString();
        }
        ObjectNode copy = ((ObjectNode) request).deepCopy();
        copy.remove("rulesetVersion");
        return copy.toString();
    }

    private static String caseRef(JsonNode request) {
        return request.path("caseRef").isString() ? request.path("caseRef").stringValue() : null;
    }

    private static JsonNode pin(JsonNode request, RulesetId version) {
        ObjectNode pinned = ((ObjectNode) request).deepCopy();
        pinned.put("area", version.area());
        pinned.put("rulesetVersion", version.version());
        return pinned;
    }
}
