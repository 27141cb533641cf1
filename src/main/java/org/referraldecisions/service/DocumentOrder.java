package org.referraldecisions.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Sorts errors in the order their fields appear in the request, so a caller reads them top to bottom:
 * properties in the order they were written, array elements by index as numbers ({@code [2]} before
 * {@code [100000]}), a field before the fields inside it. A field the request leaves out (a required one
 * missing) comes after the fields written beside it, by name.
 */
final class DocumentOrder {

    private final JsonNode root;
    /** Each object's property positions, worked out once: a request may carry thousands of errors. */
    private final Map<JsonNode, Map<String, Integer>> positions = new IdentityHashMap<>();

    private DocumentOrder(JsonNode root) {
        this.root = root;
    }

    /** {@code errors} sorted in place by where each field is in {@code document}. */
    static void sort(List<FieldError> errors, JsonNode document) {
        if (errors.size() < 2) {
            return;
        }
        DocumentOrder order = new DocumentOrder(document);
        Map<FieldError, List<Step>> keys = new IdentityHashMap<>();
        for (FieldError error : errors) {
            keys.put(error, order.key(error.field()));
        }
        errors.sort(Comparator.<FieldError, List<Step>>comparing(keys::get, DocumentOrder::compare).thenComparing(FieldError::message));
    }

    /** Where one step of a path is: its position among its siblings in the document, or after them if absent. */
    private record Step(long rank, String name) {
    }

    private List<Step> key(String path) {
        List<Step> key = new ArrayList<>();
        JsonNode node = root;
        for (Object step : JsonPath.steps(path)) {
            if (step instanceof Integer index) {
                key.add(new Step(index, ""));
                node = node != null && node.isArray() ? node.get(index) : null;
            } else {
                String name = (String) step;
                Integer position = node != null && node.isObject() ? positionsOf(node).get(name) : null;
                key.add(new Step(position == null ? Long.MAX_VALUE : position, name));
                node = position == null ? null : node.get(name);
            }
        }
        return key;
    }

    private Map<String, Integer> positionsOf(JsonNode object) {
        return positions.computeIfAbsent(object, o -> {
            Map<String, Integer> byName = new HashMap<>();
            int i = 0;
            for (String name : o.propertyNames()) {
                byName.put(name, i++);
            }
            return byName;
        });
    }

    private static int compare(List<Step> a, List<Step> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int rank = Long.compare(a.get(i).rank(), b.get(i).rank());
            if (rank != 0) {
                return rank;
            }
            int name = a.get(i).name().compareTo(b.get(i).name());
            if (name != 0) {
                return name;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
