package org.referraldecisions.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.service.DecisionResponseV1;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every rule of one rule set as a response lists it when it fires (name, rule set, citations, explanation), numbered
 * in a fixed order: by rule set, then name, then explanation, then citations. The decision log stores a decision's
 * fired rules as these numbers, and rebuilds the response's text from the archived rule set's catalogue; the order
 * depends only on the rules themselves, so the archived files give the same numbers years later. Each entry's JSON
 * is written once, here, and spliced into every response that lists it.
 */
final class FiredRuleCatalogue {

    /** Written without any of the service's settings: a fired rule is four strings and a list of strings. */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private static final Comparator<DecisionResponseV1.FiredRule> ORDER = Comparator.comparing(DecisionResponseV1.FiredRule::ruleset)
            .thenComparing(DecisionResponseV1.FiredRule::rule)
            .thenComparing(DecisionResponseV1.FiredRule::explanation)
            .thenComparing(f -> String.join("\n", f.citations()));

    private final String rulesetSha256;
    private final Map<DecisionResponseV1.FiredRule, Integer> numbers;
    private final byte[][] json;

    private FiredRuleCatalogue(String rulesetSha256, List<DecisionResponseV1.FiredRule> rules) {
        this.rulesetSha256 = rulesetSha256;
        this.numbers = new HashMap<>(rules.size() * 2);
        this.json = new byte[rules.size()][];
        for (int i = 0; i < rules.size(); i++) {
            numbers.put(rules.get(i), i);
            json[i] = PLAIN.writeValueAsString(rules.get(i)).getBytes(StandardCharsets.UTF_8);
        }
    }

    static FiredRuleCatalogue of(CompiledRuleset ruleset) {
        List<DecisionResponseV1.FiredRule> rules = new ArrayList<>(new LinkedHashSet<>(ruleset.rules().stream()
                .map(r -> new DecisionResponseV1.FiredRule(r.name(), r.ruleset().toString(), r.citations(), r.explanation()))
                .sorted(ORDER).toList()));
        return new FiredRuleCatalogue(ruleset.sha256(), rules);
    }

    String rulesetSha256() {
        return rulesetSha256;
    }

    int size() {
        return json.length;
    }

    /** The number of a fired rule; -1 if this rule set has no such rule (then the response is stored whole). */
    int numberOf(DecisionResponseV1.FiredRule rule) {
        Integer n = numbers.get(rule);
        return n == null ? -1 : n;
    }

    /** The JSON of rule {@code number} as a response lists it. */
    byte[] json(int number) {
        return json[number];
    }
}
