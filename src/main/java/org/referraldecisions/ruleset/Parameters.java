package org.referraldecisions.ruleset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one rule set that a policy owner may revise (14 ticks, 3 incidents, 12 months...),
 * each written once in its DRL as a one-line function: {@code function int visibleHighRiskTicks() { return 14; }}.
 * Rules call the function; explanations name it as {@code {visibleHighRiskTicks}} and are filled in here,
 * so a threshold is changed by one edit and every text that states it follows.
 */
public record Parameters(Map<String, Integer> values) {

    private static final Pattern DEFINITION = Pattern.compile(
            "(?m)^\\s*function\\s+int\\s+([A-Za-z_]\\w*)\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+(-?\\d+)\\s*;\\s*}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]\\w*)}");

    public static final Parameters NONE = new Parameters(Map.of());

    public Parameters {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The parameters defined in a rule set's own DRL files. */
    public static Parameters of(RulesetFiles files) {
        Map<String, Integer> values = new LinkedHashMap<>();
        files.drl().values().forEach(drl -> values.putAll(definedIn(drl)));
        return new Parameters(values);
    }

    /** The parameters defined in one DRL text. */
    public static Map<String, Integer> definedIn(String drl) {
        Map<String, Integer> values = new LinkedHashMap<>();
        Matcher m = DEFINITION.matcher(drl);
        while (m.find()) {
            values.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return values;
    }

    /** The text with each {name} replaced by the parameter's value; names that are no parameter are added to {@code unknown}. */
    public String fill(String text, List<String> unknown) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            Integer value = values.get(m.group(1));
            if (value == null) {
                unknown.add(m.group(1));
                m.appendReplacement(filled, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(filled, value.toString());
            }
        }
        m.appendTail(filled);
        return filled.toString();
    }

    /** DRL code with every call of a parameter ({@code visibleHighRiskTicks()}) replaced by its value. */
    public String inline(String drl) {
        String inlined = drl;
        for (Map.Entry<String, Integer> p : values.entrySet()) {
            inlined = inlined.replaceAll("\\b" + Pattern.quote(p.getKey()) + "\\s*\\(\\s*\\)", p.getValue().toString());
        }
        return inlined;
    }

    /** These parameters and then those of {@code other} that these do not define. */
    public Parameters and(Parameters other) {
        Map<String, Integer> merged = new LinkedHashMap<>(other.values);
        merged.putAll(values);
        return new Parameters(merged);
    }

    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }
}
