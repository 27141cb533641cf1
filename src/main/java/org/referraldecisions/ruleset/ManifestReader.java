package org.referraldecisions.ruleset;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and checks a {@code ruleset.yaml}. Unknown keys are errors, so a typo never silently changes meaning. */
final class ManifestReader {

    private static final Set<String> KEYS = Set.of(
            "area", "version", "kind", "effectiveFrom", "effectiveTo", "includes", "sources", "description");

    private ManifestReader() {
    }

    static Manifest read(String text, String file) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new RulesetException(file + ": not valid YAML: " + e.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new RulesetException(file + ": expected a mapping of keys to values");
        }
        List<String> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(file + ": unknown key '" + key + "' (allowed: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String area = text(map, "area", file, problems, true);
        String version = text(map, "version", file, problems, true);
        String kind = text(map, "kind", file, problems, false);
        boolean library = "library".equals(kind);
        if (kind != null && !library && !"area".equals(kind)) {
            problems.add(file + ": kind must be 'area' or 'library', not '" + kind + "'");
        }
        LocalDate from = date(map, "effectiveFrom", file, problems, !library);
        LocalDate to = date(map, "effectiveTo", file, problems, false);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(file + ": effectiveTo " + to + " is before effectiveFrom " + from);
        }
        List<RulesetId> includes = new ArrayList<>();
        for (String include : list(map, "includes", file, problems)) {
            try {
                includes.add(RulesetId.parse(include));
            } catch (IllegalArgumentException e) {
                problems.add(file + ": includes: " + e.getMessage());
            }
        }
        List<Source> sources = sources(map, file, problems);
        String description = text(map, "description", file, problems, false);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new Manifest(area, version, library, from, to, includes, sources, description == null ? "" : description);
    }

    private static String text(Map<?, ?> map, String key, String file, List<String> problems, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                problems.add(file + ": '" + key + "' is required");
            }
            return null;
        }
        if (value instanceof Date || value instanceof Map || value instanceof List) {
            problems.add(file + ": '" + key + "' must be text; quote it");
            return null;
        }
        return String.valueOf(value).trim();
    }

    private static LocalDate date(Map<?, ?> map, String key, String file, List<String> problems, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                problems.add(file + ": '" + key + "' is required (YYYY-MM-DD)");
            }
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            problems.add(file + ": '" + key + "' is not a date (YYYY-MM-DD): " + value);
            return null;
        }
    }

    private static final Set<String> SOURCE_KEYS = Set.of("cite", "document", "dated", "national");

    /** Each source as {cite, document, dated, national}; a bare file name is still read, and lint asks for the rest. */
    private static List<Source> sources(Map<?, ?> map, String file, List<String> problems) {
        Object value = map.get("sources");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            problems.add(file + ": 'sources' must be a list");
            return List.of();
        }
        List<Source> sources = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> source)) {
                sources.add(new Source(null, String.valueOf(item), null, false));
                continue;
            }
            String where = file + ": sources[" + sources.size() + "]";
            for (Object key : source.keySet()) {
                if (!SOURCE_KEYS.contains(String.valueOf(key))) {
                    problems.add(where + ": unknown key '" + key + "' (allowed: cite, dated, document, national)");
                }
            }
            String cite = text(source, "cite", where, problems, true);
            String document = text(source, "document", where, problems, true);
            LocalDate dated = date(source, "dated", where, problems, true);
            Object national = source.get("national");
            if (national != null && !(national instanceof Boolean)) {
                problems.add(where + ": 'national' must be true or false");
            }
            sources.add(new Source(cite, document, dated, Boolean.TRUE.equals(national)));
        }
        return sources;
    }

    private static List<String> list(Map<?, ?> map, String key, String file, List<String> problems) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            problems.add(file + ": '" + key + "' must be a list");
            return List.of();
        }
        return items.stream().map(String::valueOf).toList();
    }
}
