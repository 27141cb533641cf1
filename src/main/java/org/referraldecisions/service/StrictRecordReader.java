package org.referraldecisions.service;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON tree into a record type, collecting every problem instead of stopping at the first:
 * unknown fields, wrong JSON types, impossible dates and unknown enum values, each with its field
 * path. Jackson's own binding stops at the first error, and the contract promises the caller every
 * offending field in one response. No coercion: {@code "16"} is not an integer and {@code 1} is not
 * a boolean. Lists, maps and strings are held to their {@link Bounds}: one over its bound is reported
 * and its contents are not read.
 */
final class StrictRecordReader {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private StrictRecordReader() {
    }

    /**
     * Most entries of a list or map, and most characters of a string, by field path (without indexes, e.g.
     * {@code policeIncidents}); each with the name of the limit that sets it, for the error.
     */
    record Bounds(Map<String, Bound> byPath) {
        static final Bounds NONE = new Bounds(Map.of());

        record Bound(int max, String limit) {
        }
    }

    /** The record read from {@code node}; problems are added to {@code errors} and the offending fields left null. */
    static <T extends Record> T read(JsonNode node, Class<T> type, Bounds bounds, List<FieldError> errors) {
        return type.cast(new Reading(bounds, errors).readRecord(node, type, ""));
    }

    /** A record type's fields and constructor, looked up once per type: reflection is slow to repeat per request. */
    private record Shape(RecordComponent[] components, Set<String> known, Constructor<?> constructor) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Set<String> known = new LinkedHashSet<>();
            Arrays.stream(components).forEach(c -> known.add(c.getName()));
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                return new Shape(components, Collections.unmodifiableSet(known), constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("request type " + type.getName() + " has no canonical constructor", e);
            }
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** One reading: the bounds it holds to and the errors it collects. */
    private record Reading(Bounds bounds, List<FieldError> errors) {

        Object readValue(JsonNode node, Type type, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            Class<?> raw = rawClass(type);
            if (raw.isRecord()) {
                return readRecord(node, raw, path);
            }
            if (List.class.equals(raw)) {
                return readList(node, typeArgument(type, 0), path);
            }
            if (Map.class.equals(raw)) {
                return readMap(node, typeArgument(type, 1), path);
            }
            return readScalar(node, raw, path);
        }

        Object readRecord(JsonNode node, Class<?> type, String path) {
            if (!node.isObject()) {
                errors.add(new FieldError(path.isEmpty() ? JsonPath.ROOT : path, "must be a JSON object"));
                return null;
            }
            Shape shape = SHAPES.get(type);
            for (String name : node.propertyNames()) {
                if (!shape.known().contains(name)) {
                    errors.add(new FieldError(JsonPath.property(path, name), "unknown field; allowed: " + String.join(", ", shape.known())));
                }
            }
            RecordComponent[] components = shape.components();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                values[i] = readValue(node.get(c.getName()), c.getGenericType(), JsonPath.property(path, c.getName()));
            }
            try {
                return shape.constructor().newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("request type " + type.getName() + " cannot be constructed", e);
            }
        }

        List<Object> readList(JsonNode node, Type elementType, String path) {
            if (!node.isArray()) {
                errors.add(new FieldError(path, "must be a JSON array"));
                return null;
            }
            if (overBound(path, node.size(), "entries")) {
                return null;
            }
            List<Object> values = new ArrayList<>(node.size());
            int i = 0;
            for (JsonNode element : node.values()) {
                values.add(readValue(element, elementType, JsonPath.index(path, i++)));
            }
            return values;
        }

        Map<String, Object> readMap(JsonNode node, Type valueType, String path) {
            if (!node.isObject()) {
                errors.add(new FieldError(path, "must be a JSON object"));
                return null;
            }
            if (overBound(path, node.size(), "entries")) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                values.put(entry.getKey(), readValue(entry.getValue(), valueType, JsonPath.property(path, entry.getKey())));
            }
            return values;
        }

        /** Reports a list, map or string longer than its bound (paths are bounded without their indexes). */
        boolean overBound(String path, int size, String unit) {
            if (bounds.byPath().isEmpty()) {
            return false;
        }
        Bounds.Bound bound = bounds.byPath().get(path.indexOf('[') < 0 ? path : path.replaceAll("\\[\\d+]", ""));
            if (bound == null || size <= bound.max()) {
                return false;
            }
            errors.add(new FieldError(path, "has " + size + " " + unit + "; at most " + bound.max() + " are accepted (" + bound.limit() + ")"));
            return true;
        }

        Object readScalar(JsonNode node, Class<?> type, String path) {
            if (type == String.class) {
                if (node.isString()) {
                    String value = node.stringValue();
                    if (hasUnpairedSurrogate(value)) {
                        errors.add(new FieldError(path, "contains an unpaired surrogate (a \\uD800-\\uDFFF escape on its own), which is not text"));
                        return null;
                    }
                    return overBound(path, value.codePointCount(0, value.length()), "characters") ? null : value;
                }
                errors.add(new FieldError(path, "must be a string"));
            } else if (type == Integer.class) {
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                errors.add(new FieldError(path, "must be a whole number"));
            } else if (type == Boolean.class) {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                errors.add(new FieldError(path, "must be true or false"));
            } else if (type == LocalDate.class) {
                if (node.isString() && ISO_DATE.matcher(node.stringValue()).matches()) {
                    try {
                        return LocalDate.parse(node.stringValue());
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(path, "is not a real date: " + node.stringValue()));
                        return null;
                    }
                }
                errors.add(new FieldError(path, "must be a date written YYYY-MM-DD"));
            } else if (type.isEnum()) {
                if (node.isString()) {
                    for (Object constant : type.getEnumConstants()) {
                        if (((Enum<?>) constant).name().equals(node.stringValue())) {
                            return constant;
                        }
                    }
                }
                errors.add(new FieldError(path, "must be one of " + Arrays.toString(type.getEnumConstants())));
            } else {
                throw new IllegalStateException("unsupported request field type " + type.getName() + " at " + path);
            }
            return null;
        }
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported request field type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            // List<@NotNull X> reports an annotated type whose underlying type is X.
            return argument instanceof java.lang.reflect.AnnotatedType a ? a.getType() : argument;
        }
        throw new IllegalStateException("raw collection type in request: " + type);
    }
}
