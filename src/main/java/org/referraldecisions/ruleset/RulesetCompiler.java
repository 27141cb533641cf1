package org.referraldecisions.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.io.ResourceFactory;
import org.referraldecisions.calendar.CalendarReader;
import org.referraldecisions.calendar.MaracCalendar;

/**
 * Compiles rule sets into immutable {@link KieBase}s and checks what policy owners are promised: every
 * rule cites a paragraph and explains itself, and no two rules share a name. Every problem is reported
 * with its file and, where known, its line.
 *
 * <p>Each rule set's own DRL is compiled once ({@link #compilePackages}); a library such as
 * {@code common}, included by every area, is then added to each rule base that includes it
 * ({@link #assemble}) instead of being compiled again for each.
 */
final class RulesetCompiler {

    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?!function\\s|static\\s)([\\w.]+(?:\\.\\*)?)\\s*;?");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private RulesetCompiler() {
    }

    /** One rule set's own DRL, compiled: the Drools packages it adds to every rule base it is part of. */
    static final class Packages {
        private final RulesetFiles files;
        private final String displayRoot;
        private final Collection<KiePackage> packages;
        /** Each package name to the first file that declares it, as shown to policy owners. */
        private final Map<String, String> fileOfPackage;
        /** The area's meeting calendar and bank holidays ({@link MaracCalendar#NONE} for a library). */
        private final MaracCalendar calendar;

        private Packages(RulesetFiles files, String displayRoot, Collection<KiePackage> packages, Map<String, String> fileOfPackage,
                         MaracCalendar calendar) {
            this.files = files;
            this.calendar = calendar;
            this.displayRoot = displayRoot;
            this.packages = packages;
            this.fileOfPackage = fileOfPackage;
        }

        RulesetId id() {
            return files.manifest().id();
        }

        /**
         * Adds these packages to a rule base. Drools lets the first rule base take the compiled packages and
         * gives each later one a deep copy, one at a time so no copy is taken while they are being added.
         * Should Drools be unable to copy them, this rule base gets its own compilation instead.
         */
        private synchronized void addTo(InternalKnowledgeBase kieBase) {
            try {
                kieBase.addPackages(packages);
            } catch (RuntimeException cannotCopy) {
                kieBase.addPackages(compileFresh(files, displayRoot).packages);
            }
        }
    }

    /** Compiles one rule set and what it includes, none of it shared with any other rule set. */
    static CompiledRuleset compile(RulesetFiles own, List<RulesetFiles> includes, String displayRoot) {
        List<String> problems = new ArrayList<>();
        Packages ownPackages = compileCollecting(own, displayRoot, problems);
        List<Packages> includePackages = new ArrayList<>();
        for (RulesetFiles include : includes) {
            includePackages.add(compileCollecting(include, displayRoot, problems));
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return assemble(ownPackages, includePackages);
    }

    private static Packages compileCollecting(RulesetFiles files, String displayRoot, List<String> problems) {
        try {
            return compilePackages(files, displayRoot);
        } catch (RulesetException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /**
     * One rule set's own DRL files (not what it includes), compiled, or read back from the
     * {@link CompiledRulesCache} when they were compiled before exactly as they are now.
     */
    static Packages compilePackages(RulesetFiles files, String displayRoot) {
        CompiledRulesCache cache = CompiledRulesCache.current();
        if (cache == CompiledRulesCache.NONE) {
            return compileFresh(files, displayRoot);
        }
        Map<String, String> fileOfPackage = fileOfPackage(files, displayRoot);
        Packages[] fresh = new Packages[1];
        Collection<KiePackage> packages = cache.packages(files, displayRoot, packagesReferred(files, fileOfPackage.keySet()), () -> {
            fresh[0] = compileFresh(files, displayRoot);
            return fresh[0].packages;
        });
        if (fresh[0] != null) {
            return fresh[0];
        }
        // The calendar is data, not compiled: read and checked every time, as a fresh compilation does.
        List<String> problems = new ArrayList<>();
        MaracCalendar calendar = calendar(files, displayRoot, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new Packages(files, displayRoot, packages, fileOfPackage, calendar);
    }

    /** The packages a rule set's compiled form may refer to: its own, and those whose classes its DRL imports. */
    private static Set<String> packagesReferred(RulesetFiles files, Set<String> own) {
        Set<String> referred = new HashSet<>(own);
        for (String drl : files.drl().values()) {
            Matcher m = IMPORT.matcher(drl);
            while (m.find()) {
                String name = m.group(1);
                referred.add(name.endsWith(".*") ? name.substring(0, name.length() - 2) : name.substring(0, Math.max(0, name.lastIndexOf('.'))));
            }
        }
        referred.remove("");
        return referred;
    }

    /** Each package name to the first file that declares it, as shown to policy owners (as {@link #compileFresh} finds them). */
    private static Map<String, String> fileOfPackage(RulesetFiles files, String displayRoot) {
        RulesetId id = files.manifest().id();
        Map<String, String> fileOfPackage = new LinkedHashMap<>();
        for (Map.Entry<String, String> drl : files.drl().entrySet()) {
            Matcher m = PACKAGE.matcher(drl.getValue());
            if (m.find()) {
                fileOfPackage.putIfAbsent(m.group(1), displayRoot + "/" + id.area() + "/" + id.version() + "/" + drl.getKey());
            }
        }
        return fileOfPackage;
    }

    /** Compiles one rule set's own DRL files (not what it includes). */
    private static Packages compileFresh(RulesetFiles files, String displayRoot) {
        RulesetId id = files.manifest().id();
        Map<String, String> fileOfPackage = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        CompositeKnowledgeBuilder batch = builder.batch();
        for (Map.Entry<String, String> drl : files.drl().entrySet()) {
            String display = displayRoot + "/" + id.area() + "/" + id.version() + "/" + drl.getKey();
            Matcher m = PACKAGE.matcher(drl.getValue());
            if (!m.find()) {
                problems.add(display + ":1: a DRL file must start with 'package <name>;'");
                continue;
            }
            String pkg = m.group(1);
            fileOfPackage.putIfAbsent(pkg, display);
            // Drools names the file in its messages and on each rule as we name it here: the path policy owners see.
            batch.add(ResourceFactory.newByteArrayResource(drl.getValue().getBytes(StandardCharsets.UTF_8)).setSourcePath(display),
                    ResourceType.DRL);
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        batch.build();
        for (KnowledgeBuilderResult error : builder.getErrors()) {
            if (error.getMessage() != null && error.getMessage().contains("Parser returned a null Package")) {
                continue; // a consequence of the parse error reported beside it, not a problem of its own
            }
            String source = error.getResource() == null ? null : error.getResource().getSourcePath();
            String file = source == null ? displayRoot + "/" + id.area() + "/" + id.version() : source;
            int line = error.getLines() == null || error.getLines().length == 0 ? 0 : Math.max(error.getLines()[0], 0);
            problems.add(file + ":" + line + ": " + oneLine(String.valueOf(error.getMessage())));
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        MaracCalendar calendar = calendar(files, displayRoot, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new Packages(files, displayRoot, List.copyOf(builder.getKnowledgePackages()), fileOfPackage, calendar);
    }

    /** The area's calendar, checked like its DRL: a bad date or a meeting on a non-working day is a problem with file and line. */
    private static MaracCalendar calendar(RulesetFiles files, String displayRoot, List<String> problems) {
        if (files.manifest().library()) {
            return MaracCalendar.NONE;
        }
        Map<String, String> calendarFiles = new java.util.TreeMap<>(files.data());
        String holidays = calendarFiles.remove(CalendarReader.BANK_HOLIDAYS);
        return CalendarReader.read(files.manifest().area(), calendarFiles, holidays, displayRoot, problems);
    }

    /** The rule base of a rule set: its own packages and those of each rule set it includes, in manifest order. */
    static CompiledRuleset assemble(Packages own, List<Packages> includes) {
        List<Packages> all = new ArrayList<>();
        all.add(own);
        all.addAll(includes);
        Map<String, RulesetId> rulesetOfPackage = new HashMap<>();
        Map<String, Parameters> parametersOfPackage = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Packages p : all) {
            Parameters parameters = Parameters.of(p.files);
            for (Map.Entry<String, String> pkg : p.fileOfPackage.entrySet()) {
                parametersOfPackage.putIfAbsent(pkg.getKey(), parameters);
                RulesetId previous = rulesetOfPackage.putIfAbsent(pkg.getKey(), p.id());
                if (previous != null && !previous.equals(p.id())) {
                    problems.add(pkg.getValue() + ": package '" + pkg.getKey() + "' is already used by " + previous
                            + "; each rule set needs its own package");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        // Immutable once built: Drools then keeps each session's facts in a plain identity store instead of
        // one indexed by class hierarchy, which it rebuilds for every decision (a fifth of the engine's time).
        KieBaseConfiguration configuration = KieServices.get().newKieBaseConfiguration();
        configuration.setOption(KieBaseMutabilityOption.DISABLED);
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(configuration);
        for (Packages p : all) {
            p.addTo(kieBase);
        }

        Map<String, String> packageOfRule = new LinkedHashMap<>();
        List<RuleInfo> rules = describe(kieBase, rulesetOfPackage, parametersOfPackage, packageOfRule, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        List<RulesetFiles> includedFiles = includes.stream().map(p -> p.files).toList();
        List<RulesetFiles> files = new ArrayList<>();
        files.add(own.files);
        files.addAll(includedFiles);
        Parameters parameters = Parameters.of(own.files);
        for (RulesetFiles included : includedFiles) {
            parameters = parameters.and(Parameters.of(included));
        }
        return new CompiledRuleset(own.files.manifest(), RulesetHasher.sha256(own.files, includedFiles), kieBase, rules, packageOfRule, files,
                parameters, own.calendar);
    }

    private static List<RuleInfo> describe(KieBase kieBase, Map<String, RulesetId> rulesetOfPackage,
                                           Map<String, Parameters> parametersOfPackage,
                                           Map<String, String> packageOfRule, List<String> problems) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String file = impl.getResource() == null ? kiePackage.getName() : impl.getResource().getSourcePath();
                String where = file + ":" + impl.getLoadOrder() + ": rule \"" + rule.getName() + "\"";
                List<String> citations = citations(rule.getMetaData().get("citation"));
                List<String> unknown = new ArrayList<>();
                String explanation = parametersOfPackage.getOrDefault(kiePackage.getName(), Parameters.NONE)
                        .fill(text(rule.getMetaData().get("explanation")), unknown);
                for (String name : unknown) {
                    problems.add(file + ": rule \"" + rule.getName() + "\" names {" + name + "} in its @explanation, which is no parameter of its rule set"
                            + " (a parameter is a one-line 'function int " + name + "() { return N; }')");
                }
                if (citations.isEmpty()) {
                    problems.add(file + ": rule \"" + rule.getName() + "\" has no @citation; every rule cites the protocol paragraph it implements");
                }
                if (explanation.isBlank()) {
                    problems.add(file + ": rule \"" + rule.getName() + "\" has no @explanation; every rule explains itself in plain English");
                }
                String previous = packageOfRule.putIfAbsent(rule.getName(), kiePackage.getName());
                if (previous != null) {
                    problems.add(where + " has the same name as a rule in package " + previous + "; rule names must be unique");
                }
                RulesetId ruleset = rulesetOfPackage.get(kiePackage.getName());
                rules.add(new RuleInfo(rule.getName(), ruleset, citations, explanation, impl.getSalienceValue(), file));
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::salience).reversed()
                .thenComparing(r -> r.ruleset().toString())
                .thenComparing(RuleInfo::name));
        return rules;
    }

    private static List<String> citations(Object value) {
        String text = text(value);
        if (text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Drools keeps the quotes of a metadata string literal; a reader wants the text. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.trim();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
