package org.referraldecisions.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.referraldecisions.calendar.CalendarReader;

/**
 * Finds every rule set under a rules directory ({@code <area>/<version>/ruleset.yaml}) and reads its
 * files. The directory names must match the manifest, so what a policy owner sees on disk is what runs.
 */
public final class RulesetReader {

    static final String MANIFEST = "ruleset.yaml";

    private RulesetReader() {
    }

    public static List<RulesetFiles> readAll(Path rulesRoot) {
        if (!Files.isDirectory(rulesRoot)) {
            throw new RulesetException("rules directory not found: " + rulesRoot.toAbsolutePath());
        }
        List<RulesetFiles> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> manifests = Files.find(rulesRoot, 3, (p, a) -> p.getFileName().toString().equals(MANIFEST))) {
            for (Path manifest : manifests.sorted().toList()) {
                try {
                    found.add(read(rulesRoot, manifest.getParent()));
                } catch (RulesetException e) {
                    problems.addAll(e.problems());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        if (found.isEmpty()) {
            throw new RulesetException("no rule sets (" + MANIFEST + ") found under " + rulesRoot.toAbsolutePath());
        }
        return found;
    }

    static RulesetFiles read(Path rulesRoot, Path directory) {
        String where = display(rulesRoot, directory);
        String manifestText = readString(directory.resolve(MANIFEST));
        Manifest manifest = ManifestReader.read(manifestText, where + "/" + MANIFEST);
        String expected = manifest.area() + "/" + manifest.version();
        if (!rulesRoot.relativize(directory).toString().replace('\\', '/').equals(expected)) {
            throw new RulesetException(where + "/" + MANIFEST + ": declares " + manifest.id()
                    + " but lives in " + where + "; the directory must be rules/" + expected);
        }
        Map<String, String> drl = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                drl.put(file.getFileName().toString(), readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RulesetFiles(manifest, directory, manifestText, drl, manifest.library() ? Map.of() : data(rulesRoot, manifest.area()));
    }

    /**
     * An area's data: the bank holidays at the root of the rules directory and the area's calendar files
     * ({@code <area>/calendar/*.yaml}), shared by all its versions and part of each version's hash.
     */
    static Map<String, String> data(Path rulesRoot, String area) {
        Map<String, String> data = new TreeMap<>();
        Path holidays = rulesRoot.resolve(CalendarReader.BANK_HOLIDAYS);
        if (Files.isRegularFile(holidays)) {
            data.put(CalendarReader.BANK_HOLIDAYS, readString(holidays));
        }
        Path calendar = rulesRoot.resolve(area).resolve(CalendarReader.CALENDAR_DIRECTORY);
        if (Files.isDirectory(calendar)) {
            try (Stream<Path> files = Files.list(calendar)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    data.put(area + "/" + CalendarReader.CALENDAR_DIRECTORY + "/" + file.getFileName(), readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    static String display(Path rulesRoot, Path directory) {
        Path root = rulesRoot.getFileName() == null ? rulesRoot : rulesRoot.getFileName();
        return root.resolve(rulesRoot.relativize(directory)).toString().replace('\\', '/');
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesetException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
