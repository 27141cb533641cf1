package org.referraldecisions.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;

/** The policy owners' command line, as they run it: exit codes and what it prints. */
class CliTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void testRunsEveryGoldenCaseAndEndsWithTheCount() {
        assertThat(run("test")).isZero();
        assertThat(output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    @Test
    void testReportsAFailingCaseWithFieldExpectedAndActual(@TempDir Path temp) throws IOException {
        Path cases = Fixtures.copy(Path.of("test-cases/cleveland/2017-10"), temp.resolve("cases/cleveland/2017-10"));
        Path file = cases.resolve("tick-count-14-with-judgement-visible-high-risk.json");
        Files.writeString(file, Files.readString(file).replace("\"VISIBLE_HIGH_RISK\",", ""));
        assertThat(run("test", "--cases", temp.resolve("cases").toString())).isEqualTo(1);
        assertThat(output()).contains("FAIL cleveland/2017-10/tick-count-14-with-judgement-visible-high-risk.json", "marac.grounds: expected")
                .containsPattern("(?m)^\\d+ passed, 1 failed$");
    }

    @Test
    void decideExplainsADecisionInPlainEnglish() {
        assertThat(run("decide", "test-cases/cleveland/2017-10/tick-count-14-with-judgement-visible-high-risk.json")).isZero();
        assertThat(output()).contains("REFER to MARAC", "Rules that fired, in order:", "Visible high risk: DASH ticks at or above the threshold", "14 or more YES answers",
                "Cleveland Appendix 2", "Thresholds checked and not met:");
    }

    @Test
    void diffListsTheRepeatDefinitionChangesBetweenTheClevelandVersions() {
        assertThat(run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04")).isZero();
        assertThat(output()).contains("cleveland/2017-10/not-repeat-further-incident-of-other-type-not-referred.json",
                "marac.repeat: false -> true", "marac.refer: false -> true", "Changes per field:");
    }

    @Test
    void diffReadsACorpusOfRequests(@TempDir Path temp) throws IOException {
        Path corpus = temp.resolve("corpus.jsonl");
        Files.writeString(corpus, """
                {"caseRef":"C-1","area":"cleveland","asOf":"2026-06-15","victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":30},"previousMaracReferral":{"date":"2025-11-01"},"currentIncident":{"date":"2026-03-10","types":["OTHER"]}}
                {"caseRef":"C-2","area":"cleveland","asOf":"2026-06-15","victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":30}}
                """);
        assertThat(run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04", "--corpus", corpus.toString())).isZero();
        assertThat(output()).contains("1 of 2 cases decided differently", corpus + ":1").doesNotContain(corpus + ":2");
    }

    @Test
    void coveragePassesOnTheRepositoryAndFailsOnANewUncoveredRule(@TempDir Path temp) throws IOException {
        assertThat(run("coverage")).isZero();
        assertThat(output()).contains("0 rules fired by no golden case");

        Path rules = Fixtures.copy(Path.of("rules"), temp.resolve("rules"));
        Path hearing = rules.resolve("cleveland/2026-04/hearing.drl");
        Files.writeString(hearing, Files.readString(hearing) + """

                rule "Closed session for female genital mutilation (no case yet)"
                    @citation("Cleveland 6.1.3") @explanation("added to show coverage catches a rule no case fires")
                    salience 60
                when
                    MaracReferral()
                    SafeguardingContext( femaleGenitalMutilation == true, honourBasedViolence == true, forcedMarriage == true )
                then
                end
                """);
        out.reset();
        assertThat(run("coverage", "--rules", rules.toString())).isEqualTo(1);
        assertThat(output()).contains("UNCOVERED cleveland@2026-04: \"Closed session for female genital mutilation (no case yet)\"");
    }

    @Test
    void lintIsCleanOnTheRepositoryAndCatchesOverlappingVersions(@TempDir Path temp) throws IOException {
        assertThat(run("lint")).isZero();
        Path rules = Fixtures.copy(Path.of("rules"), temp.resolve("rules"));
        Path manifest = rules.resolve("cleveland/2017-10/ruleset.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("effectiveFrom: 2017-10-01", "effectiveFrom: 2017-10-01\neffectiveTo: 2026-06-30"));
        out.reset();
        assertThat(run("lint", "--rules", rules.toString())).isEqualTo(1);
        assertThat(output()).contains("cleveland@2017-10 ends 2026-06-30 but cleveland@2026-04 starts 2026-04-01 (an overlap)");
    }

    @Test
    void newVersionThenCheckPassesForAnAreaAndForTheLibrary(@TempDir Path temp) throws IOException {
        Path rules = Fixtures.copy(Path.of("rules"), temp.resolve("rules"));
        Path cases = Fixtures.copy(Path.of("test-cases"), temp.resolve("test-cases"));
        assertThat(run("new-version", "--from", "cleveland@2026-04", "--version", "2027-04", "--effective-from", "2027-04-01",
                "--rules", rules.toString(), "--cases", cases.toString())).isZero();
        assertThat(run("new-version", "--from", "common@2016-01", "--version", "2027-01",
                "--rules", rules.toString(), "--cases", cases.toString())).isZero();
        assertThat(Files.readString(rules.resolve("cleveland/2027-04/ruleset.yaml")))
                .contains("version: \"2027-04\"", "effectiveFrom: 2027-04-01");
        assertThat(Files.readString(rules.resolve("common/2027-01/ruleset.yaml"))).contains("version: \"2027-01\"", "kind: library");
        assertThat(cases.resolve("cleveland/2027-04")).isNotEmptyDirectory();
        assertThat(cases.resolve("common/2027-01")).isNotEmptyDirectory();
        out.reset();
        assertThat(run("check", "--rules", rules.toString(), "--cases", cases.toString())).isZero();
        assertThat(output()).contains("compiled cleveland@2027-04", "compiled common@2027-01", "a reload would swap these rules in");

        // The revised area adopts the revised library: still passes, and the library's rules are now covered through it.
        Path manifest = rules.resolve("cleveland/2027-04/ruleset.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("common/2016-01", "common/2027-01"));
        out.reset();
        assertThat(run("check", "--rules", rules.toString(), "--cases", cases.toString())).isZero();
        assertThat(run("lint", "--rules", rules.toString())).isZero();
    }

    @Test
    void newVersionRefusesToOverwriteOrToGoBackInTime(@TempDir Path temp) throws IOException {
        Path rules = Fixtures.copy(Path.of("rules"), temp.resolve("rules"));
        assertThat(run("new-version", "--from", "cleveland@2026-04", "--version", "2017-10", "--effective-from", "2027-04-01",
                "--rules", rules.toString())).isEqualTo(2);
        assertThat(run("new-version", "--from", "cleveland@2026-04", "--version", "2027-04", "--effective-from", "2026-01-01",
                "--rules", rules.toString())).isEqualTo(2);
        assertThat(run("new-version", "--from", "common@2016-01", "--version", "2027-01", "--effective-from", "2027-01-01",
                "--rules", rules.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already exists", "must be after", "is a library");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("test", "--unknown", "x")).isEqualTo(2);
        assertThat(run("test", "--rules", "/no/such/dir")).isEqualTo(2);
    }
}
