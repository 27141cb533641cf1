package org.referraldecisions.ruleset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one rule set as read from disk: the manifest and each DRL file's text, keyed by
 * file name, with the directory they came from (for messages); and, for an area, the data its rules use:
 * the bank holidays and the area's MARAC calendar files, keyed by their path under the rules directory
 * ({@code bank-holidays.yaml}, {@code cleveland/calendar/2026.yaml}).
 */
public record RulesetFiles(Manifest manifest, Path directory, String manifestText, Map<String, String> drl, Map<String, String> data) {

    public RulesetFiles {
        // Sorted by file name, always: the hash and the compilation read the files in this order, and
        // Map.copyOf's order changes from one run of the JVM to the next.
        drl = Collections.unmodifiableSortedMap(new TreeMap<>(drl));
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data == null ? Map.of() : data));
    }

    /** A rule set without data files (a library, or one archived before calendars existed). */
    public RulesetFiles(Manifest manifest, Path directory, String manifestText, Map<String, String> drl) {
        this(manifest, directory, manifestText, drl, Map.of());
    }

    /**
     * Files held in memory rather than read from disk (for example from an archive): the manifest is
     * parsed and checked as if read from {@code where}.
     */
    public static RulesetFiles of(String manifestText, Map<String, String> drl, String where) {
        return of(manifestText, drl, Map.of(), where);
    }

    /** As above, with the data files (bank holidays, calendar) the rule set was compiled with. */
    public static RulesetFiles of(String manifestText, Map<String, String> drl, Map<String, String> data, String where) {
        Manifest manifest = ManifestReader.read(manifestText, where + "/" + RulesetReader.MANIFEST);
        return new RulesetFiles(manifest, Path.of(where), manifestText, drl, data);
    }
}
