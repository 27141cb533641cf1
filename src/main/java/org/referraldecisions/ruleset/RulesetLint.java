package org.referraldecisions.ruleset;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.referraldecisions.calendar.CalendarReader;
import org.referraldecisions.calendar.MaracCalendar;

/**
 * Checks of a rules directory beyond compiling: every rule cites only the documents its own manifest lists
 * (or, for an area, the national documents of a library it includes), and explains itself; nothing a rule set
 * lists or includes is dated after it comes into force; a library lists only national documents; figures are
 * named parameters, not literals; every rule sits in a documented phase; and each area's versions neither
 * overlap nor leave a gap between their effective dates. (Unique names, valid manifests and present citations
 * are already enforced by loading.)
 */
public final class RulesetLint {

    /** The phases documented in rules/README.md. */
    static final Set<Integer> PHASES = Set.of(100, 95, 90, 85, 80, 70, 60, 55, 50, 45, 40, 35, 20, 10);

    /** How long before an area's calendar (or the bank holidays) runs out lint starts warning. */
    public static final int CALENDAR_WARNING_DAYS = 60;

    private RulesetLint() {
    }

    /**
     * What will soon need a coordinator's attention, relative to {@code today} (a parameter so tests can fix it):
     * an area whose MARAC calendar's last meeting, or whose bank holidays' last known day, is within
     * {@value #CALENDAR_WARNING_DAYS} days (or already past). Warnings do not fail lint. Empty when the rules do not load
     * (those problems are {@link #lint}'s).
     */
    public static List<String> warnings(Path rulesDir, LocalDate today) {
        RulesetCatalog catalog;
        try {
            catalog = RulesetLoader.load(rulesDir);
        } catch (RulesetException e) {
            return List.of();
        }
        return warnings(catalog, today);
    }

    static List<String> warnings(RulesetCatalog catalog, LocalDate today) {
        List<String> warnings = new ArrayList<>();
        LocalDate horizon = today.plusDays(CALENDAR_WARNING_DAYS);
        for (String area : catalog.areas()) {
            List<CompiledRuleset> versions = catalog.versionsOf(area);
            MaracCalendar calendar = versions.get(versions.size() - 1).calendar();
            String where = "rules/" + area + "/" + CalendarReader.CALENDAR_DIRECTORY + "/";
            if (calendar.lastMeeting() == null) {
                warnings.add(where + ": " + area + " has no MARAC calendar; no referred case is listed at a meeting");
            } else if (!calendar.lastMeeting().isAfter(horizon)) {
                warnings.add(where + (calendar.lastMeeting().getYear()) + ".yaml: " + area + "'s MARAC calendar runs out on "
                        + calendar.lastMeeting() + (calendar.lastMeeting().isBefore(today) ? " (already past)" : "")
                        + "; add " + where + (calendar.lastMeeting().getYear() + 1) + ".yaml with the coordinator's dates"
                        + " (after it, referred cases are decided without a meeting listed)");
            }
            LocalDate knownTo = calendar.bankHolidays().to();
            if (knownTo != null && !knownTo.isAfter(horizon)) {
                warnings.add("rules/" + CalendarReader.BANK_HOLIDAYS + ": the bank holidays run out on " + knownTo
                        + "; add " + (knownTo.getYear() + 1) + "'s from GOV.UK (working days after it cannot be counted)");
            }
        }
        return warnings.stream().distinct().toList();
    }

    /** Every problem found; empty when the rules are clean. Load errors are returned as problems too. */
    public static List<String> lint(Path rulesDir) {
        RulesetCatalog catalog;
        try {
            catalog = RulesetLoader.load(rulesDir);
        } catch (RulesetException e) {
            return e.problems();
        }
        List<String> problems = new ArrayList<>();
        for (CompiledRuleset ruleset : catalog.all()) {
            problems.addAll(sourcesAndDates(ruleset, catalog));
            problems.addAll(literalFigures(ruleset));
            List<Source> citable = new ArrayList<>(ruleset.manifest().sources());
            for (RulesetId include : ruleset.manifest().includes()) {
                catalog.find(include).ifPresent(library -> citable.addAll(library.manifest().sources()));
            }
            for (RuleInfo rule : ruleset.rules()) {
                if (!rule.ruleset().equals(ruleset.id())) {
                    continue; // an included rule is checked with its own rule set
                }
                for (String citation : rule.citations()) {
                    if (citable.stream().noneMatch(source -> source.isCitedBy(citation))) {
                        problems.add(rule.file() + ": rule \"" + rule.name() + "\" cites \"" + citation + "\", but "
                                + ruleset.id() + " lists no such source" + cites(citable)
                                + "; a rule cites only its own rule set's documents or the national ones of a library it includes");
                    }
                }
                if (rule.explanation().length() < 20) {
                    problems.add(rule.file() + ": rule \"" + rule.name() + "\" has too short an explanation to help a review board");
                }
                if (!PHASES.contains(rule.salience())) {
                    problems.add(rule.file() + ": rule \"" + rule.name() + "\" has salience " + rule.salience()
                            + ", which is not a documented phase " + PHASES);
                }
            }
        }
        for (String area : catalog.areas()) {
            List<CompiledRuleset> versions = catalog.versionsOf(area);
            for (int i = 1; i < versions.size(); i++) {
                Manifest earlier = versions.get(i - 1).manifest();
                Manifest later = versions.get(i).manifest();
                if (earlier.effectiveFrom().equals(later.effectiveFrom())) {
                    problems.add(area + ": " + earlier.id() + " and " + later.id() + " both come into force on " + later.effectiveFrom());
                } else if (earlier.effectiveTo() != null && !earlier.effectiveTo().plusDays(1).equals(later.effectiveFrom())) {
                    problems.add(area + ": " + earlier.id() + " ends " + earlier.effectiveTo() + " but " + later.id() + " starts "
                            + later.effectiveFrom() + (earlier.effectiveTo().isBefore(later.effectiveFrom()) ? " (a gap)" : " (an overlap)"));
                }
            }
            Manifest last = versions.get(versions.size() - 1).manifest();
            if (last.effectiveTo() != null) {
                problems.add(area + ": the latest version " + last.id() + " ends " + last.effectiveTo() + "; no version is in force after it");
            }
        }
        return problems;
    }

    /** Each source dated and named for citing; a library's sources national; nothing listed or included dated after effectiveFrom. */
    private static List<String> sourcesAndDates(CompiledRuleset ruleset, RulesetCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Manifest manifest = ruleset.manifest();
        String where = "rules/" + manifest.area() + "/" + manifest.version() + "/" + RulesetReader.MANIFEST;
        if (manifest.sources().isEmpty()) {
            problems.add(where + ": lists no source documents; every rule set names the documents it implements");
        }
        for (Source source : manifest.sources()) {
            if (source.cite() == null || source.dated() == null) {
                problems.add(where + ": source '" + source.document() + "' needs its citation name and date: {cite: ..., document: ..., dated: YYYY-MM-DD}");
            } else if (manifest.library() && !source.national()) {
                problems.add(where + ": library " + manifest.id() + " lists '" + source.cite() + "', which is not national (national: true);"
                        + " a library holds only what is national, one protocol's clauses belong in its area's rule set");
            } else if (!manifest.library() && source.dated().isAfter(manifest.effectiveFrom())) {
                problems.add(where + ": " + manifest.id() + " comes into force on " + manifest.effectiveFrom() + " but lists '" + source.cite()
                        + "', dated " + source.dated() + "; a rule set cannot rely on a document written after it");
            }
        }
        if (!manifest.library()) {
            for (RulesetId include : manifest.includes()) {
                catalog.find(include).flatMap(library -> library.manifest().dated()).ifPresent(dated -> {
                    if (dated.isAfter(manifest.effectiveFrom())) {
                        problems.add(where + ": " + manifest.id() + " comes into force on " + manifest.effectiveFrom() + " but includes " + include
                                + ", whose newest source is dated " + dated + "; include a library version dated on or before " + manifest.effectiveFrom());
                    }
                });
            }
        }
        return problems;
    }

    /** A figure written as a literal in a rule's condition or window, where a named parameter belongs. */
    private static final Pattern LITERAL_FIGURE = Pattern.compile(
            "\\b(ticks|age|custodialSentenceMonths|agenciesNeeded|\\$\\w+)\\s*(>=|<=|>|<)\\s*\\d+"
            + "|\\.(minus|plus)(Days|Weeks|Months|Years)\\(\\s*\\d+\\s*\\)");

    private static List<String> literalFigures(CompiledRuleset ruleset) {
        List<String> problems = new ArrayList<>();
        for (RulesetFiles files : ruleset.files().subList(0, 1)) {
            for (var drl : files.drl().entrySet()) {
                String[] lines = drl.getValue().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String code = lines[i].replaceAll("//.*", "");
                    if (code.trim().startsWith("@") || code.trim().startsWith("function ")) {
                        continue;
                    }
                    Matcher m = LITERAL_FIGURE.matcher(code);
                    if (m.find()) {
                        problems.add("rules/" + ruleset.id().area() + "/" + ruleset.id().version() + "/" + drl.getKey() + ":" + (i + 1)
                                + ": the figure in '" + m.group().trim() + "' is written as a literal; make it a named parameter"
                                + " ('function int name() { return N; }', written once) so a revision is one edit");
                    }
                }
            }
        }
        return problems;
    }

    private static String cites(List<Source> sources) {
        List<String> names = sources.stream().map(Source::cite).filter(c -> c != null).distinct().toList();
        return names.isEmpty() ? "" : " (it may cite: " + String.join(", ", names) + ")";
    }
}
