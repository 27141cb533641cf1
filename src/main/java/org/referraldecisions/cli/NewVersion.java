package org.referraldecisions.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.referraldecisions.ruleset.RulesetId;

/**
 * {@code new-version}: the first step of a revision. Copies a rule set's directory and its golden cases
 * to a new version, with the manifest's version (and, for an area, its {@code effectiveFrom}) set, ready
 * for the policy owner to edit. The version copied from is not touched: it stays to replay past decisions.
 */
final class NewVersion {

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,31}");

    private NewVersion() {
    }

    static int run(Options o, PrintStream out, PrintStream err) throws IOException {
        if (o.get("from") == null || o.get("version") == null) {
            throw new IllegalArgumentException("new-version needs --from area@version and --version NEW (and --effective-from YYYY-MM-DD for an area)");
        }
        RulesetId from = RulesetId.parse(o.get("from"));
        String version = o.get("version");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("--version must be a short name such as 2027-04, not '" + version + "'");
        }
        Path source = o.rules().resolve(from.area()).resolve(from.version());
        Path target = o.rules().resolve(from.area()).resolve(version);
        Path manifestFile = source.resolve("ruleset.yaml");
        if (!Files.isRegularFile(manifestFile)) {
            throw new IllegalArgumentException("no rule set " + from + " (no " + manifestFile + ")");
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists; a version is never overwritten");
        }
        String manifest = Files.readString(manifestFile);
        boolean library = Pattern.compile("(?m)^kind:\\s*library\\s*$").matcher(manifest).find();
        String effectiveFrom = o.get("effective-from");
        if (library && effectiveFrom != null) {
            throw new IllegalArgumentException(from + " is a library: it has no effectiveFrom; the area versions that include it do");
        }
        if (!library) {
            if (effectiveFrom == null) {
                throw new IllegalArgumentException("--effective-from YYYY-MM-DD is required: the date the new version comes into force");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(effectiveFrom);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--effective-from must be a date YYYY-MM-DD, not '" + effectiveFrom + "'");
            }
            Matcher current = Pattern.compile("(?m)^effectiveFrom:\\s*(\\S+)").matcher(manifest);
            if (current.find() && !date.isAfter(LocalDate.parse(current.group(1)))) {
                throw new IllegalArgumentException("--effective-from " + date + " must be after " + from + "'s effectiveFrom " + current.group(1));
            }
        }

        copy(source, target);
        String revised = manifest.replaceFirst("(?m)^version:.*$", "version: \"" + version + "\"")
                .replaceFirst("(?m)^effectiveTo:.*\\R", "");
        if (!library) {
            revised = revised.replaceFirst("(?m)^effectiveFrom:.*$", "effectiveFrom: " + effectiveFrom);
        }
        Files.writeString(target.resolve("ruleset.yaml"), revised);
        out.println("copied " + source + " to " + target + " (version " + version + (library ? "" : ", in force from " + effectiveFrom) + ")");

        Path casesFrom = o.cases().resolve(from.area()).resolve(from.version());
        Path casesTo = o.cases().resolve(from.area()).resolve(version);
        int copied = 0;
        if (Files.isDirectory(casesFrom) && !Files.exists(casesTo)) {
            copied = copyCases(casesFrom, casesTo, from.version(), version);
            out.println("copied " + copied + " golden cases from " + casesFrom + " to " + casesTo);
        } else if (Files.exists(casesTo)) {
            err.println(casesTo + " already exists; golden cases not copied");
        } else {
            out.println("no golden cases in " + casesFrom + " to copy");
        }
        out.println();
        out.println("Next: edit " + target + (library
                ? ", then make a new version of each area that should use it (new-version --from area@v ...) and change its includes to "
                  + from.area() + "/" + version + "."
                : ", then run: test, diff --from " + from + " --to " + from.area() + "@" + version + ", coverage, lint, check."));
        return 0;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /** Copies the cases; a case that pins the old version pins the new one. */
    private static int copyCases(Path from, Path to, String oldVersion, String newVersion) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path copy = to.resolve(from.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            String text = Files.readString(file);
            if (file.toString().endsWith(".json")) {
                text = text.replaceAll("(\"rulesetVersion\"\\s*:\\s*)\"" + Pattern.quote(oldVersion) + "\"",
                        "$1\"" + Matcher.quoteReplacement(newVersion) + "\"");
            }
            Files.writeString(copy, text);
        }
        return (int) files.stream().filter(f -> f.toString().endsWith(".json")).count();
    }
}
