package org.referraldecisions.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every {@code *.json} under a cases directory. A case must describe itself, cite at least one
 * paragraph and fix its {@code asOf}, so that it decides the same way on any day it is run.
 */
public final class GoldenCaseLoader {

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("\\d{4}-\\d{2}");
    private static final Set<String> KEYS = Set.of("description", "citations", "request", "expect");
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private GoldenCaseLoader() {
    }

    /** The cases, sorted by path; a file that is not a well-formed case is reported in {@code problems}. */
    public static List<GoldenCase> load(Path root, List<String> problems) {
        List<GoldenCase> cases = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + ": golden cases directory not found");
            return cases;
        }
        String prefix = treePrefix(root);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = prefix + root.relativize(file).toString().replace('\\', '/');
                try {
                    cases.add(parse(name, JSON.readTree(Files.readString(file))));
                } catch (JacksonException e) {
                    problems.add(name + ": not valid JSON: " + e.getOriginalMessage());
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /**
     * What the cases directory is within a {@code <area>/<version>/} tree, so that a case is named (and pinned to
     * its version) the same whether the whole tree, one area ({@code test-cases/cleveland}) or one version
     * ({@code test-cases/cleveland/2026-04}) is run.
     */
    static String treePrefix(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        if (dir.getFileName() == null) {
            return "";
        }
        if (VERSION.matcher(dir.getFileName().toString()).matches() && dir.getParent() != null && dir.getParent().getFileName() != null) {
            return dir.getParent().getFileName() + "/" + dir.getFileName() + "/";
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(c -> Files.isDirectory(c) && VERSION.matcher(c.getFileName().toString()).matches())
                    ? dir.getFileName() + "/" : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GoldenCase parse(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a golden case is a JSON object with description, citations, request, expect");
        }
        for (String key : node.propertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; allowed: " + KEYS);
            }
        }
        JsonNode description = node.get("description");
        JsonNode citations = node.get("citations");
        JsonNode request = node.get("request");
        JsonNode expect = node.get("expect");
        if (description == null || !description.isString() || description.stringValue().isBlank()) {
            throw new IllegalArgumentException("'description' is required");
        }
        if (citations == null || !citations.isArray() || citations.isEmpty()) {
            throw new IllegalArgumentException("'citations' must list the paragraph(s) the case tests");
        }
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("'request' must be the decision request object");
        }
        if (!request.has("asOf")) {
            throw new IllegalArgumentException("'request.asOf' is required so the case decides the same way on any day");
        }
        if (expect == null || !expect.isObject() || expect.isEmpty()) {
            throw new IllegalArgumentException("'expect' must state at least one expected part of the decision");
        }
        List<String> cited = new ArrayList<>();
        citations.values().forEach(c -> cited.add(c.asString()));
        return new GoldenCase(name, description.stringValue(), cited, request, expect);
    }
}
