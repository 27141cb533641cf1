package org.referraldecisions.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One protocol, one rule set: lint refuses citations of unlisted documents, documents dated after the rule set, and literal figures. */
class RulesetLintTests {

    @TempDir
    Path rules;

    private static final String LIBRARY = """
            area: national
            version: "2016-01"
            kind: library
            sources:
              - cite: MAPPA training 2016
                document: national-mappa-training-2016.txt
                dated: 2016-01-01
                national: true
            """;

    private static final String LIBRARY_RULE = """
            package national;
            import org.referraldecisions.decision.facts.*;
            rule "Category one"
                @citation("MAPPA training 2016 Category One")
                @explanation("A registered sexual offender is in MAPPA category one.")
                salience 45
            when
                Offender( registeredSexOffender == true )
            then
                insert(new MappaCategory(1));
            end
            """;

    private static String area(String effectiveFrom, String include) {
        return """
                area: shire
                version: "v1"
                effectiveFrom: %s
                %s
                sources:
                  - cite: Shire
                    document: shire-protocol.txt
                    dated: 2017-10-01
                """.formatted(effectiveFrom, include == null ? "" : "includes:\n  - " + include);
    }

    private static String areaRule(String citation, String condition) {
        return """
                package shire;
                import org.referraldecisions.decision.facts.*;
                function int definitionAge() { return 16; }
                rule "In scope"
                    @citation("%s")
                    @explanation("Both aged {definitionAge} or over is a domestic-abuse case in the shire.")
                    salience 100
                when
                    %s
                then
                    insert(new DomesticAbuseCase());
                end
                """.formatted(citation, condition);
    }

    private void write(String dir, String manifest, String drl) throws IOException {
        Path folder = Files.createDirectories(rules.resolve(dir));
        Files.writeString(folder.resolve("ruleset.yaml"), manifest);
        Files.writeString(folder.resolve("rules.drl"), drl);
    }

    @Test
    void aCleanRuleSetPasses() throws IOException {
        write("national/2016-01", LIBRARY, LIBRARY_RULE);
        write("shire/v1", area("2017-10-01", "national/2016-01"), areaRule("Shire 6.1", "Victim( age >= definitionAge() )"));
        assertThat(RulesetLint.lint(rules)).isEmpty();
    }

    @Test
    void refusesACitationOfADocumentTheRuleSetDoesNotList() throws IOException {
        write("shire/v1", area("2017-10-01", null), areaRule("Cleveland 8.9.3", "Victim( age >= definitionAge() )"));
        assertThat(RulesetLint.lint(rules)).singleElement().asString()
                .contains("cites \"Cleveland 8.9.3\"", "shire@v1 lists no such source", "it may cite: Shire");
    }

    @Test
    void refusesASourceDatedAfterTheRuleSetComesIntoForce() throws IOException {
        write("shire/v1", area("2016-01-01", null), areaRule("Shire 6.1", "Victim( age >= definitionAge() )"));
        assertThat(RulesetLint.lint(rules)).singleElement().asString()
                .contains("comes into force on 2016-01-01 but lists 'Shire', dated 2017-10-01");
    }

    @Test
    void refusesIncludingALibraryDatedAfterTheRuleSet() throws IOException {
        write("national/2016-01", LIBRARY, LIBRARY_RULE);
        write("shire/v1", area("2017-10-01", "national/2016-01").replace("dated: 2017-10-01", "dated: 2011-06-01")
                .replace("effectiveFrom: 2017-10-01", "effectiveFrom: 2011-06-01"), areaRule("Shire 6.1", "Victim( age >= definitionAge() )"));
        List<String> problems = RulesetLint.lint(rules);
        assertThat(problems).singleElement().asString()
                .contains("includes national@2016-01, whose newest source is dated 2016-01-01");
    }

    @Test
    void refusesALibraryWithALocalSource() throws IOException {
        write("national/2016-01", LIBRARY.replace("national: true", "national: false"), LIBRARY_RULE);
        assertThat(RulesetLint.lint(rules)).anySatisfy(p -> assertThat(p).contains("which is not national"));
    }

    @Test
    void refusesAFigureWrittenAsALiteral() throws IOException {
        write("shire/v1", area("2017-10-01", null), areaRule("Shire 6.1", "Victim( age >= 16 )"));
        assertThat(RulesetLint.lint(rules)).singleElement().asString()
                .contains("rules/shire/v1/rules.drl:9", "'age >= 16' is written as a literal");
    }

    @Test
    void explanationsAreFilledFromParametersAndAnUnknownPlaceholderIsRefused() throws IOException {
        write("shire/v1", area("2017-10-01", null), areaRule("Shire 6.1", "Victim( age >= definitionAge() )"));
        RulesetCatalog catalog = RulesetLoader.load(rules);
        CompiledRuleset shire = catalog.find(new RulesetId("shire", "v1")).orElseThrow();
        assertThat(shire.rules().get(0).explanation()).isEqualTo("Both aged 16 or over is a domestic-abuse case in the shire.");
        assertThat(shire.parameters().values()).containsEntry("definitionAge", 16);

        write("shire/v1", area("2017-10-01", null), areaRule("Shire 6.1", "Victim( age >= definitionAge() )").replace("{definitionAge}", "{definitionYears}"));
        assertThat(RulesetLint.lint(rules)).singleElement().asString().contains("names {definitionYears} in its @explanation, which is no parameter");
    }
}
