package org.referraldecisions.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Compares a decision with a golden case's {@code expect}, which is a partial response: fields it
 * lists must be equal, fields it leaves out are not checked. Lists of reasons are checked for
 * presence rather than order or completeness:
 * <ul>
 * <li>{@code firedRules} / {@code notFired}: rule names that must / must not have fired;</li>
 * <li>{@code actions} / {@code notActions}: action codes that must / must not be required; an {@code actions} item may
 *     be an object such as {@code {"code": "...", "dueBy": "2026-06-16"}}: an action with that code whose listed fields
 *     are equal must be required ({@code "dueBy": null}: required with no due date);</li>
 * <li>{@code unmetCriteria}: criteria that must be reported, as a name or as
 *     {@code {"criterion", "explanation"}} to check the figures too;</li>
 * <li>{@code warnings}: warning texts that must be present.</li>
 * </ul>
 * Any other list (e.g. {@code marac.grounds}) must hold exactly the expected values, in any order.
 */
final class ExpectMatcher {

    private ExpectMatcher() {
    }

    static List<Mismatch> compare(JsonNode expect, JsonNode actual) {
        List<Mismatch> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expect.properties()) {
            String key = entry.getKey();
            JsonNode want = entry.getValue();
            switch (key) {
                case "firedRules" -> present(key, want, names(actual.get("firedRules"), "rule"), true, mismatches);
                case "notFired" -> present(key, want, names(actual.get("firedRules"), "rule"), false, mismatches);
                case "actions" -> actions(want, actual.get("actions"), mismatches);
                case "notActions" -> present(key, want, names(actual.get("actions"), "code"), false, mismatches);
                case "warnings" -> present(key, want, names(actual.get("warnings"), null), true, mismatches);
                case "unmetCriteria" -> unmet(want, actual.get("unmetCriteria"), mismatches);
                default -> partial(key, want, actual.get(key), mismatches);
            }
        }
        return mismatches;
    }

    private static void partial(String path, JsonNode want, JsonNode got, List<Mismatch> mismatches) {
        if (want.isNull() && (got == null || got.isNull())) {
            return; // expected absent, e.g. "listing": null for a case no meeting is listed for
        }
        if (got == null) {
            mismatches.add(new Mismatch(path, want.toString(), "absent"));
        } else if (want.isObject()) {
            if (!got.isObject()) {
                mismatches.add(new Mismatch(path, want.toString(), got.toString()));
                return;
            }
            for (Map.Entry<String, JsonNode> entry : want.properties()) {
                partial(path + "." + entry.getKey(), entry.getValue(), got.get(entry.getKey()), mismatches);
            }
        } else if (want.isArray()) {
            TreeSet<String> wanted = new TreeSet<>(names(want, null));
            TreeSet<String> gotten = new TreeSet<>(names(got, null));
            if (!got.isArray() || !wanted.equals(gotten)) {
                mismatches.add(new Mismatch(path, wanted.toString(), got.isArray() ? gotten.toString() : got.toString()));
            }
        } else if (!want.equals(got)) {
            mismatches.add(new Mismatch(path, want.toString(), got.toString()));
        }
    }

    private static void present(String field, JsonNode want, List<String> actual, boolean mustBePresent, List<Mismatch> mismatches) {
        for (String name : names(want, null)) {
            if (actual.contains(name) != mustBePresent) {
                mismatches.add(new Mismatch(field, (mustBePresent ? "includes " : "excludes ") + "\"" + name + "\"", actual.toString()));
            }
        }
    }

    /** Codes that must be required; an object item names the code and the other fields (e.g. dueBy) that must match. */
    private static void actions(JsonNode want, JsonNode actual, List<Mismatch> mismatches) {
        List<String> codes = names(actual, "code");
        for (JsonNode item : want == null ? List.<JsonNode>of() : want.values()) {
            if (!item.isObject()) {
                if (!codes.contains(item.asString())) {
                    mismatches.add(new Mismatch("actions", "includes \"" + item.asString() + "\"", codes.toString()));
                }
                continue;
            }
            String code = item.path("code").asString();
            JsonNode found = null;
            for (JsonNode got : actual == null ? List.<JsonNode>of() : actual.values()) {
                if (got.path("code").asString().equals(code)) {
                    found = got;
                }
            }
            if (found == null) {
                mismatches.add(new Mismatch("actions", "includes \"" + code + "\"", codes.toString()));
                continue;
            }
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                if (!field.getKey().equals("code")) {
                    partial("actions[" + code + "]." + field.getKey(), field.getValue(), found.get(field.getKey()), mismatches);
                }
            }
        }
    }

    private static void unmet(JsonNode want, JsonNode actual, List<Mismatch> mismatches) {
        List<String> criteria = names(actual, "criterion");
        for (JsonNode item : want == null ? List.<JsonNode>of() : want.values()) {
            if (item.isObject()) {
                String criterion = item.path("criterion").asString();
                String explanation = item.path("explanation").asString();
                boolean found = false;
                for (JsonNode got : actual == null ? List.<JsonNode>of() : actual.values()) {
                    found |= got.path("criterion").asString().equals(criterion) && got.path("explanation").asString().equals(explanation);
                }
                if (!found) {
                    mismatches.add(new Mismatch("unmetCriteria", "includes " + item, String.valueOf(actual)));
                }
            } else if (!criteria.contains(item.asString())) {
                mismatches.add(new Mismatch("unmetCriteria", "includes \"" + item.asString() + "\"", criteria.toString()));
            }
        }
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode item : list.values()) {
                names.add(field == null ? item.asString() : item.path(field).asString());
            }
        }
        return names;
    }
}
