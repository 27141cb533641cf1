package org.referraldecisions.explorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.referraldecisions.service.FieldError;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link CaseForm}'s answers as a request and back: each input is named by the request's own field path
 * ({@code victim.age}, {@code dash.answers.threats_to_kill}, {@code policeIncidents[2].date}), so the form turns into the
 * JSON request the API takes and the request reader's errors land beside the inputs they name. Empty inputs are left out of the
 * request; a number that is not one is sent as text, for the reader to refuse as the API would.
 */
final class CaseFields {

    static final String DASH_PREFIX = "dash.answers.";
    static final String INCIDENTS = "policeIncidents";
    private static final Pattern INCIDENT = Pattern.compile("policeIncidents\\[(\\d+)]\\.date");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CaseFields() {
    }

    /** The request the form's values make. */
    static ObjectNode toRequest(MultiValueMap<String, String> form) {
        ObjectNode root = NODES.objectNode();
        for (CaseForm.Section section : CaseForm.SECTIONS) {
            for (CaseForm.Field field : section.fields()) {
                JsonNode value = value(field, form.getOrDefault(field.name(), List.of()));
                if (value != null) {
                    put(root, field.name(), value);
                }
            }
        }
        JsonNode recent = value(CaseForm.DASH_RECENT, form.getOrDefault(CaseForm.DASH_RECENT.name(), List.of()));
        if (recent != null) {
            put(root, CaseForm.DASH_RECENT.name(), recent);
        }
        for (String id : CaseForm.DASH_QUESTIONS.keySet()) {
            String answer = first(form, DASH_PREFIX + id);
            if (answer != null) {
                put(root, DASH_PREFIX + id, NODES.stringNode(answer));
            }
        }
        Map<Integer, String> incidents = new TreeMap<>();
        form.forEach((name, values) -> {
            Matcher m = INCIDENT.matcher(name);
            String date = first(form, name);
            if (m.matches() && date != null && m.group(1).length() < 6) {
                incidents.put(Integer.parseInt(m.group(1)), date);
            }
        });
        if (!incidents.isEmpty()) {
            ArrayNode list = root.putArray(INCIDENTS);
            incidents.values().forEach(date -> list.addObject().put("date", date));
        }
        return root;
    }

    /** The form's values for a request (a golden case's, a logged one, or one the form made): the inverse of {@link #toRequest}. */
    static MultiValueMap<String, String> toForm(JsonNode request) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        flatten("", request, form);
        return form;
    }

    /**
     * Each error under the input it names: an error on an entry of a list of choices goes to the list's input, one on a
     * whole object ({@code victim}: is required) to its section. Errors naming nothing on the form are under "".
     */
    static Map<String, List<String>> byInput(List<FieldError> errors) {
        Map<String, List<String>> byInput = new LinkedHashMap<>();
        for (FieldError error : errors) {
            byInput.computeIfAbsent(inputFor(error.field()), k -> new ArrayList<>()).add(error.message());
        }
        return byInput;
    }

    static String inputFor(String path) {
        if (path.startsWith(DASH_PREFIX) || INCIDENT.matcher(path).matches() || known(path)) {
            return path;
        }
        String stripped = path.replaceAll("\\[\\d+]$", "");
        if (known(stripped)) {
            return stripped;
        }
        if (path.startsWith(INCIDENTS)) {
            return INCIDENTS;
        }
        for (CaseForm.Section section : CaseForm.SECTIONS) {
            if (!section.prefix().isEmpty() && (path.equals(section.prefix()) || path.startsWith(section.prefix() + "."))) {
                return section.prefix();
            }
        }
        return path.equals("dash") || path.startsWith("dash.") ? "dash" : "";
    }

    static String inputId(String name) {
        return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-");
    }

    static String humanize(String words) {
        String spaced = words.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static boolean known(String path) {
        return path.equals(CaseForm.DASH_RECENT.name()) || CaseForm.SECTIONS.stream().flatMap(s -> s.fields().stream()).anyMatch(f -> f.name().equals(path));
    }

    private static JsonNode value(CaseForm.Field field, List<String> raw) {
        List<String> given = raw.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (given.isEmpty()) {
            return null;
        }
        String text = field.kind() == CaseForm.Kind.LONG_TEXT ? given.get(0) : given.get(0).trim();
        return switch (field.kind()) {
            case NUMBER -> text.matches("-?\\d{1,9}") ? NODES.numberNode(Integer.parseInt(text)) : NODES.stringNode(text);
            case YES_NO -> text.equals("true") || text.equals("false") ? NODES.booleanNode(Boolean.parseBoolean(text)) : NODES.stringNode(text);
            case CHOICES -> {
                ArrayNode list = NODES.arrayNode();
                given.forEach(v -> list.add(v.trim()));
                yield list;
            }
            default -> NODES.stringNode(text);
        };
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        String[] steps = path.startsWith(DASH_PREFIX)
                ? new String[] {"dash", "answers", path.substring(DASH_PREFIX.length())} : path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = at.get(steps[i]);
            at = next instanceof ObjectNode object ? object : at.putObject(steps[i]);
        }
        at.set(steps[steps.length - 1], value);
    }

    private static void flatten(String path, JsonNode node, MultiValueMap<String, String> form) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                flatten(path.isEmpty() ? name : path + "." + name, node.get(name), form);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                if (entry.isObject()) {
                    flatten(path + "[" + i + "]", entry, form);
                } else if (!entry.isNull()) {
                    form.add(path, entry.asString());
                }
            }
        } else {
            form.add(path, node.asString());
        }
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
