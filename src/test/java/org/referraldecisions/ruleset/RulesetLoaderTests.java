package org.referraldecisions.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;

class RulesetLoaderTests {

    @TempDir
    Path temp;

    @Test
    void loadsTheRepositoryRuleSetsWithHashesAndIncludes() {
        RulesetCatalog catalog = Fixtures.catalog();
        CompiledRuleset cleveland = catalog.select("cleveland", LocalDate.of(2026, 3, 31), null);
        assertThat(cleveland.id()).isEqualTo(new RulesetId("cleveland", "2017-10"));
        assertThat(catalog.select("cleveland", LocalDate.of(2026, 4, 1), null).id()).isEqualTo(new RulesetId("cleveland", "2026-04"));
        assertThat(catalog.select("cleveland", LocalDate.of(2026, 3, 31), "2026-04").id()).isEqualTo(new RulesetId("cleveland", "2026-04"));
        assertThat(catalog.select("cleveland", LocalDate.of(2026, 4, 1), null).sha256()).isNotEqualTo(cleveland.sha256());
        assertThat(cleveland.sha256()).matches("[0-9a-f]{64}");
        assertThat(cleveland.rules()).anySatisfy(r -> assertThat(r.ruleset().area()).isEqualTo("common"));
        assertThat(cleveland.rules()).allSatisfy(r -> {
            assertThat(r.citations()).isNotEmpty();
            assertThat(r.explanation()).isNotBlank();
        });
        assertThat(catalog.find(new RulesetId("common", "2016-01"))).get()
                .satisfies(common -> assertThat(common.manifest().library()).isTrue());
    }

    /**
     * The hash must be the same in every run of the service (the decision log and the archive key on it), so it
     * is recomputed here from the files on disk by the documented scheme, independently of the service's code:
     * the rule set's own files then its include's, each rule set's manifest first and then its DRL files by name;
     * after an area's DRL, its data by path under the rules directory: the bank holidays, then its calendar files.
     */
    @Test
    void hashIsTheDocumentedDigestOfTheFilesInNameOrderInEveryRun() throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (String dir : new String[] {"cleveland/2017-10", "common/2016-01"}) {
            Path folder = Fixtures.RULES.resolve(dir);
            java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("ruleset.yaml"));
            try (var files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().forEach(names::add);
            }
            assertThat(names).as("several DRL files, so their order matters").hasSizeGreaterThan(3);
            for (String name : names) {
                byte[] path = (dir + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] content = Files.readAllBytes(folder.resolve(name));
                digest.update((path.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                digest.update(path);
                digest.update((content.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                digest.update(content);
            }
            if (dir.startsWith("cleveland/")) {
                java.util.List<String> data = new java.util.ArrayList<>(java.util.List.of("bank-holidays.yaml"));
                try (var files = Files.list(Fixtures.RULES.resolve("cleveland/calendar"))) {
                    files.map(f -> "cleveland/calendar/" + f.getFileName()).sorted().forEach(data::add);
                }
                assertThat(data).as("the bank holidays and several calendar years").hasSizeGreaterThan(2);
                for (String name : data) {
                    byte[] path = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] content = Files.readAllBytes(Fixtures.RULES.resolve(name));
                    digest.update((path.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    digest.update(path);
                    digest.update((content.length + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    digest.update(content);
                }
            }
        }
        String expected = java.util.HexFormat.of().formatHex(digest.digest());
        assertThat(Fixtures.catalog().find(new RulesetId("cleveland", "2017-10")).orElseThrow().sha256()).isEqualTo(expected);
    }

    /**
     * A library is compiled once and its packages added to every rule base that includes it. Drools copies
     * them for each rule base after the first, and cannot copy a package with a declared type: each rule
     * base that hits this gets its own compilation of the library, so a policy owner's {@code declare} works.
     */
    @Test
    void aLibraryIsInEveryRuleBaseThatIncludesItEvenWithADeclaredType() throws IOException {
        Path rules = copyOfRepositoryRules();
        Path warnings = rules.resolve("common/2016-01/warnings.drl");
        Files.writeString(warnings, Files.readString(warnings) + """

                declare ScreeningNoted
                end

                rule "Screening noted"
                    @citation("Cleveland 8.10")
                    @explanation("Notes that the case was screened.")
                    salience 10
                when
                    DomesticAbuseCase()
                then
                    insert(new ScreeningNoted());
                end
                """);
        RulesetCatalog catalog = RulesetLoader.load(rules);
        for (String area : java.util.List.of("common/2016-01", "cleveland/2017-10", "cleveland/2026-04", "warwickshire/2016-01", "lancashire/2019-12")) {
            CompiledRuleset ruleset = catalog.find(RulesetId.parse(area)).orElseThrow();
            assertThat(ruleset.rules()).as(area).anySatisfy(r -> assertThat(r.name()).isEqualTo("Screening noted"));
            assertThat(ruleset.kieBase().getFactType("common", "ScreeningNoted")).as(area).isNotNull();
        }
    }

    @Test
    void hashIsStableAndChangesWithAnIncludedFile() throws IOException {
        Path rules = copyOfRepositoryRules();
        String before = RulesetLoader.load(rules).find(new RulesetId("cleveland", "2017-10")).orElseThrow().sha256();
        assertThat(RulesetLoader.load(rules).find(new RulesetId("cleveland", "2017-10")).orElseThrow().sha256()).isEqualTo(before);
        Path warnings = rules.resolve("common/2016-01/warnings.drl");
        Files.writeString(warnings, Files.readString(warnings) + "\n// a comment is a change too\n");
        assertThat(RulesetLoader.load(rules).find(new RulesetId("cleveland", "2017-10")).orElseThrow().sha256()).isNotEqualTo(before);
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path rules = copyOfRepositoryRules();
        Path hearing = rules.resolve("cleveland/2017-10/hearing.drl");
        Files.writeString(hearing, Files.readString(hearing).replace("insert(new Hearing(HearingType.STANDARD));", "insert(new Hearing(HearingType.STANDARD);"));
        assertThatThrownBy(() -> RulesetLoader.load(rules))
                .isInstanceOf(RulesetException.class)
                .satisfies(e -> assertThat(((RulesetException) e).problems())
                        .anySatisfy(p -> assertThat(p).matches("rules/cleveland/2017-10/hearing\\.drl:\\d+: .*")));
    }

    @Test
    void aRuleWithoutACitationIsRefused() throws IOException {
        Path rules = copyOfRepositoryRules();
        Path hearing = rules.resolve("cleveland/2017-10/hearing.drl");
        Files.writeString(hearing, Files.readString(hearing).replace("@citation(\"Cleveland 8.10\")", ""));
        assertThatThrownBy(() -> RulesetLoader.load(rules))
                .hasMessageContaining("rules/cleveland/2017-10/hearing.drl")
                .hasMessageContaining("\"Emergency MARAC: referred case that needs urgent attention\" has no @citation");
    }

    @Test
    void aManifestInTheWrongDirectoryOrWithUnknownKeysIsRefused() throws IOException {
        Path rules = copyOfRepositoryRules();
        Path manifest = rules.resolve("cleveland/2017-10/ruleset.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("version: \"2017-10\"", "version: \"2018-01\"") + "\nthreshold: 14\n");
        assertThatThrownBy(() -> RulesetLoader.load(rules))
                .hasMessageContaining("unknown key 'threshold'");
    }

    @Test
    void aMissingIncludeIsRefused() throws IOException {
        Path rules = copyOfRepositoryRules();
        Path manifest = rules.resolve("cleveland/2017-10/ruleset.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("common/2016-01", "common/1999-01"));
        assertThatThrownBy(() -> RulesetLoader.load(rules)).hasMessageContaining("includes common@1999-01, which is not under rules");
    }

    @Test
    void selectsByDateAndRefusesUnknownAreasVersionsAndDates() {
        RulesetCatalog catalog = Fixtures.catalog();
        assertThatThrownBy(() -> catalog.select("durham", LocalDate.of(2026, 6, 15), null)).isInstanceOf(UnknownRulesetException.class);
        assertThatThrownBy(() -> catalog.select("cleveland", LocalDate.of(2026, 6, 15), "1999-01")).isInstanceOf(UnknownRulesetException.class);
        assertThatThrownBy(() -> catalog.select("cleveland", LocalDate.of(2017, 9, 30), null))
                .isInstanceOf(UnknownRulesetException.class).hasMessageContaining("2017-10-01");
        assertThatThrownBy(() -> catalog.select("common", LocalDate.of(2026, 6, 15), null)).isInstanceOf(UnknownRulesetException.class);
    }

    private Path copyOfRepositoryRules() throws IOException {
        return Fixtures.copy(Fixtures.RULES, temp.resolve("rules"));
    }
}
