package org.referraldecisions.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles one rule set (its DRL plus the DRL of what it includes) into an immutable {@link KieBase}
 * and checks what policy owners are promised: every rule cites a paragraph and explains itself, and
 * no two rules share a name. Every problem is reported with its file and, where known, its line.
 */
final class RulesetCompiler {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final String SOURCE_ROOT = "src/main/resources/";

    private RulesetCompiler() {
    }

    static CompiledRuleset compile(RulesetFiles own, List<RulesetFiles> includes, String displayRoot) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem kfs = kie.newKieFileSystem();
        Map<String, String> displayPathOf = new HashMap<>();
        Map<String, RulesetId> rulesetOfPackage = new HashMap<>();
        List<String> problems = new ArrayList<>();

        List<RulesetFiles> all = new ArrayList<>();
        all.add(own);
        all.addAll(includes);
        for (RulesetFiles files : all) {
            RulesetId id = files.manifest().id();
            for (Map.Entry<String, String> drl : files.drl().entrySet()) {
                String display = displayRoot + "/" + id.area() + "/" + id.version() + "/" + drl.getKey();
                Matcher m = PACKAGE.matcher(drl.getValue());
                if (!m.find()) {
                    problems.add(display + ":1: a DRL file must start with 'package <name>;'");
                    continue;
                }
                String pkg = m.group(1);
                RulesetId previous = rulesetOfPackage.putIfAbsent(pkg, id);
                if (previous != null && !previous.equals(id)) {
                    problems.add(display + ": package '" + pkg + "' is already used by " + previous
                            + "; each rule set needs its own package");
                }
                // Drools expects a file's path to mirror its package; a per-rule-set prefix keeps names unique.
                String path = SOURCE_ROOT + pkg.replace('.', '/') + "/" + id.area() + "_" + id.version() + "_" + drl.getKey();
                displayPathOf.put(path, display);
                displayPathOf.put(path.substring(SOURCE_ROOT.length()), display);
                kfs.write(path, drl.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }

        ReleaseId releaseId = kie.newReleaseId("org.referraldecisions.rules",
                own.manifest().area() + "-" + own.manifest().version(), "1.0.0-" + UUID.randomUUID());
        kfs.generateAndWritePomXML(releaseId);
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            if (message.getText().contains("Parser returned a null Package")) {
                continue; // a consequence of the parse error reported beside it, not a problem of its own
            }
            String file = displayPathOf.getOrDefault(message.getPath(), message.getPath());
            problems.add(file + ":" + Math.max(message.getLine(), 0) + ": " + oneLine(message.getText()));
        }
        if (!problems.isEmpty()) {
            kie.getRepository().removeKieModule(releaseId);
            throw new RulesetException(problems);
        }
        KieBase kieBase = kie.newKieContainer(releaseId).getKieBase();
        // The KieRepository is JVM-wide; the KieBase stays usable once the module is forgotten.
        kie.getRepository().removeKieModule(releaseId);

        Map<String, String> packageOfRule = new LinkedHashMap<>();
        List<RuleInfo> rules = describe(kieBase, rulesetOfPackage, displayPathOf, packageOfRule, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new CompiledRuleset(own.manifest(), RulesetHasher.sha256(own, includes), kieBase, rules, packageOfRule, all);
    }

    private static List<RuleInfo> describe(KieBase kieBase, Map<String, RulesetId> rulesetOfPackage,
                                           Map<String, String> displayPathOf, Map<String, String> packageOfRule,
                                           List<String> problems) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String file = impl.getResource() == null ? kiePackage.getName()
                        : displayPathOf.getOrDefault(impl.getResource().getSourcePath(), impl.getResource().getSourcePath());
                String where = file + ":" + impl.getLoadOrder() + ": rule \"" + rule.getName() + "\"";
                List<String> citations = citations(rule.getMetaData().get("citation"));
                String explanation = text(rule.getMetaData().get("explanation"));
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
