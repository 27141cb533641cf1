package org.referraldecisions.ruleset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one rule set as read from disk: the manifest and each DRL file's text, keyed by
 * file name, with the directory they came from (for messages).
 */
public record RulesetFiles(Manifest manifest, Path directory, String manifestText, Map<String, String> drl) {

    public RulesetFiles {
        // Sorted by file name, always: the hash and the compilation read the files in this order, and
        // Map.copyOf's order changes from one run of the JVM to the next.
        drl = Collections.unmodifiableSortedMap(new TreeMap<>(drl));
    }

    /**
     * Files held in memory rather than read from disk (for example from an archive): the manifest is
     * parsed and checked as if read from {@code where}.
     */
    public static RulesetFiles of(String manifestText, Map<String, String> drl, String where) {
        Manifest manifest = ManifestReader.read(manifestText, where + "/" + RulesetReader.MANIFEST);
        return new RulesetFiles(manifest, Path.of(where), manifestText, drl);
    }
}
