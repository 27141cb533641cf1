package org.referraldecisions.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.golden.GoldenCase;
import org.referraldecisions.golden.GoldenCaseLoader;
import org.referraldecisions.golden.GoldenOutcome;
import org.referraldecisions.golden.GoldenRunner;
import org.referraldecisions.service.DecisionResponseV1;

/**
 * Rule sets read back from the compiled-rules cache decide exactly as freshly compiled ones; an entry is
 * used only for the very files it was compiled from, and a damaged or planted entry is compiled over.
 */
class CompiledRulesCacheTests {

    @TempDir
    Path temp;

    @AfterEach
    void noCache() {
        CompiledRulesCache.use(null);
    }

    @Test
    void theSecondLoadReadsEveryRuleSetBackAndDecidesEveryGoldenCaseIdentically() {
        Path cache = temp.resolve("cache");
        CompiledRulesCache.use(cache);
        RulesetCatalog first = RulesetLoader.load(Fixtures.RULES);
        int ruleSets = first.all().size(); // the library among them, compiled once
        assertThat(CompiledRulesCache.current().compiled()).isEqualTo(ruleSets);

        CompiledRulesCache.use(cache);
        RulesetCatalog second = RulesetLoader.load(Fixtures.RULES);
        assertThat(CompiledRulesCache.current().read()).isEqualTo(ruleSets);
        assertThat(CompiledRulesCache.current().compiled()).isZero();

        List<GoldenCase> cases = GoldenCaseLoader.load(Fixtures.CASES, new ArrayList<>());
        assertThat(cases).hasSizeGreaterThan(400);
        Map<String, DecisionResponseV1> fresh = decide(Fixtures.catalog(), cases);
        Map<String, DecisionResponseV1> cached = decide(second, cases);
        assertThat(cached).isEqualTo(fresh);
        for (CompiledRuleset ruleset : second.all()) {
            CompiledRuleset compiled = Fixtures.catalog().find(ruleset.id()).orElseThrow();
            assertThat(ruleset.sha256()).isEqualTo(compiled.sha256());
            assertThat(ruleset.rules()).isEqualTo(compiled.rules());
        }
    }

    @Test
    void editingOneFileRecompilesOnlyItsRuleSet() throws IOException {
        Path rules = copyOfRules();
        Path cache = temp.resolve("cache");
        CompiledRulesCache.use(cache);
        RulesetLoader.load(rules);

        Path drl = rules.resolve("warwickshire/2016-01/parameters.drl");
        Files.writeString(drl, Files.readString(drl) + "\n// a comment a policy owner added\n");
        CompiledRulesCache.use(cache);
        RulesetLoader.load(rules);
        assertThat(CompiledRulesCache.current().compiled()).isEqualTo(1);
        assertThat(CompiledRulesCache.current().read()).isEqualTo(entries(cache) - 2); // every other, and not the old entry
    }

    @Test
    void aDamagedEntryIsCompiledOverAndTheRulesStillDecide() throws IOException {
        Path rules = copyOfRules();
        Path cache = temp.resolve("cache");
        CompiledRulesCache.use(cache);
        RulesetLoader.load(rules);
        Path entry = entry(cache, "cleveland@2026-04");
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 100] ^= 0x20;
        Files.write(entry, bytes);

        CompiledRulesCache.use(cache);
        RulesetCatalog catalog = RulesetLoader.load(rules);
        assertThat(CompiledRulesCache.current().compiled()).isEqualTo(1);
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(bytes); // rewritten
        assertThat(catalog.find(new RulesetId("cleveland", "2026-04"))).isPresent();
    }

    @Test
    void anEntryIsNeverTrustedOnItsName() throws IOException {
        Path rules = copyOfRules();
        Path cache = temp.resolve("cache");
        CompiledRulesCache.use(cache);
        RulesetLoader.load(rules);
        // Lincolnshire's compiled rules planted under Lancashire's name: the key inside does not match.
        Path lancashire = entry(cache, "lancashire@");
        Path lincolnshire = entry(cache, "lincolnshire@");
        Files.copy(lincolnshire, lancashire, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CompiledRulesCache.use(cache);
        RulesetCatalog catalog = RulesetLoader.load(rules);
        assertThat(CompiledRulesCache.current().compiled()).isEqualTo(1);
        assertThat(catalog.find(new RulesetId("lancashire", "2019-12")).orElseThrow().rules())
                .isEqualTo(Fixtures.catalog().find(new RulesetId("lancashire", "2019-12")).orElseThrow().rules());
    }

    @Test
    void aRuleSetThatDoesNotCompileIsNeverCached() throws IOException {
        Path rules = copyOfRules();
        Path drl = rules.resolve("lancashire/2019-12/parameters.drl");
        Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then nonsense( end\n");
        Path cache = temp.resolve("cache");
        CompiledRulesCache.use(cache);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesetLoader.load(rules)).isInstanceOf(RulesetException.class);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("lancashire@"));
        }
    }

    private static Map<String, DecisionResponseV1> decide(RulesetCatalog catalog, List<GoldenCase> cases) {
        GoldenRunner runner = new GoldenRunner(Fixtures.reader(), Fixtures.service(catalog));
        Map<String, DecisionResponseV1> byCase = new java.util.TreeMap<>();
        for (GoldenCase c : cases) {
            GoldenOutcome outcome = runner.run(c);
            // Both services number their decisions in the same order from the same fixed clock: all must be equal.
            byCase.put(c.name(), outcome.decision());
        }
        return byCase;
    }

    private Path copyOfRules() throws IOException {
        Path copy = temp.resolve("rules");
        try (Stream<Path> all = Files.walk(Fixtures.RULES)) {
            for (Path from : all.toList()) {
                Path to = copy.resolve(Fixtures.RULES.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return copy;
    }

    private static Path entry(Path cache, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    private static long entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.count();
        }
    }
}
