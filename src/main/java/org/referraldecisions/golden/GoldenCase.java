package org.referraldecisions.golden;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One golden case file: what it shows, the paragraphs it tests, the request, and the parts of the
 * response it expects. {@code name} is the file's path under the cases directory, so a failure names the file.
 */
public record GoldenCase(String name, String description, List<String> citations, JsonNode request, JsonNode expect) {

    /**
     * The rule set version a case in {@code <area>/<version>/} is decided by, unless its request pins
     * one itself; {@code null} for a case directly under {@code <area>/}, which is decided by the
     * version in force on its {@code asOf}.
     */
    public String versionDirectory() {
        String[] parts = name.split("/");
        return parts.length >= 3 ? parts[1] : null;
    }

    public GoldenCase {
        citations = List.copyOf(citations);
    }
}
