package org.referraldecisions.explorer;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the pages write a decision's values for people: labels from field names, lists joined, yes and no for
 * booleans, a dash for nothing. Decisions are shown from their JSON form (maps and lists), so a field the response
 * gains later (an action's {@code dueBy}, {@code marac.listing}) is shown without a change here.
 */
public final class Display {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("refer", "Refer to MARAC"), Map.entry("grounds", "Grounds"), Map.entry("repeat", "Repeat referral"),
            Map.entry("hearing", "Hearing"), Map.entry("lead", "Lead forum"), Map.entry("basis", "Basis for sharing"),
            Map.entry("eligible", "MAPPA eligible"), Map.entry("category", "MAPPA category"),
            Map.entry("recommendedLevel", "Recommended MAPPA level"), Map.entry("leads", "MAPPA leads"),
            Map.entry("code", "Action"), Map.entry("owner", "Who"), Map.entry("citation", "Paragraph"), Map.entry("dueBy", "Due by"),
            Map.entry("listing", "Listing"));

    public String label(String key) {
        return LABELS.getOrDefault(key, CaseFields.humanize(key));
    }

    public String value(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Boolean b) {
            return b ? "Yes" : "No";
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? "none" : String.join(", ", c.stream().map(this::value).toList());
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder text = new StringBuilder();
            m.forEach((k, v) -> text.append(text.isEmpty() ? "" : "; ").append(label(String.valueOf(k))).append(": ").append(value(v)));
            return text.toString();
        }
        String text = String.valueOf(value);
        return text.matches("[A-Z][A-Z0-9_]+") ? text.replace('_', ' ') : text;
    }

    /** The columns of a table of objects: every key any row has, in first-seen order. */
    public List<String> columns(List<Map<String, Object>> rows) {
        Set<String> keys = new LinkedHashSet<>();
        if (rows != null) {
            rows.forEach(r -> keys.addAll(r.keySet()));
        }
        return List.copyOf(keys);
    }

    public String id(String name) {
        return CaseFields.inputId(name);
    }

    /** The id of the input (or group of inputs) an error's field path is shown beside. */
    public String anchor(String field) {
        String input = CaseFields.inputFor(field);
        return input.isEmpty() ? "main" : CaseFields.inputId(input);
    }
}
