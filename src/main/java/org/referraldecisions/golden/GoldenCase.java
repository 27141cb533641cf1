package org.referraldecisions.golden;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One golden case file: what it shows, the paragraphs it tests, the request, and the parts of the
 * response it expects. {@code name} is the file's path under the cases directory, so a failure names the file.
 */
public record GoldenCase(String name, String description, List<String> citations, JsonNode request, JsonNode expect) {

    public GoldenCase {
        citations = List.copyOf(citations);
    }
}
