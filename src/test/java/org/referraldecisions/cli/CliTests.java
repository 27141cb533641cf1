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

    /** As run from a terminal: progress lines on stderr. */
    private int runOnTerminal(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), true).run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpInEveryFormPrintsUsageNamingServeAndExits2() {
        for (String help : new String[] {"help", "-h", "--help"}) {
            out.reset();
            assertThat(run(help)).as(help).isEqualTo(2);
            assertThat(output()).as(help).startsWith("Usage: java -jar target/referral-decisions.jar <command>").contains("serve [", "Start the HTTP service");
        }
    }

    @Test
    void aMistypedCommandIsNamedAndGetsTheUsage() {
        assertThat(run("tset")).isEqualTo(2);
        assertThat(errors()).startsWith("unknown command: tset").contains("Usage:");
        assertThat(output()).isEmpty();
    }

    @Test
    void testOfOneAreaCompilesOnlyThatAreaAndWhatItIncludesAndPassesAsInTheWholeTree() {
        assertThat(runOnTerminal("test", "--cases", "test-cases/cleveland")).as(output()).isZero();
        assertThat(output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
        assertThat(errors()).contains("ready cleveland@2017-10", "ready cleveland@2026-04", "ready common@2016-01", "3 rule sets ready in")
                .contains("100 of ").doesNotContain("lancashire", "lincolnshire", "warwickshire");
    }

    @Test
    void pipedOutputHasNoProgressLines() {
        assertThat(run("test", "--cases", "test-cases/cleveland/2026-04")).isZero();
        assertThat(errors()).isEmpty();
        assertThat(output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    @Test
    void verifyOnADatabaseHeldByAnotherProcessSaysSoInOneSentenceAndExits2(@TempDir Path temp) throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("held").toAbsolutePath();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldsDatabase.class.getName(), url).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("holding");
            assertThat(run("verify", "--spring.datasource.url=" + url)).isEqualTo(2);
            assertThat(errors().strip()).startsWith("The decision log database is in use by another process")
                    .contains("GET /v1/decisions/verify").doesNotContain("Exception").hasLineCount(1);
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void reloadExplainsARefusalAndAMissingKeyInPlainEnglish() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        int[] status = {422};
        server.createContext("/v1/rulesets/reload", exchange -> {
            byte[] body = (status[0] == 422
                    ? "{\"title\":\"Reload refused\",\"problems\":[\"rules/cleveland/2026-04/thresholds.drl:12: mismatched input\"],\"casesRun\":0,\"casesPassed\":0}"
                    : "{\"title\":\"Unauthorized\",\"status\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(run("reload", "--url", url)).isEqualTo(1);
            assertThat(output()).startsWith("Reload refused: the running rules keep serving.")
                    .contains("  rules/cleveland/2026-04/thresholds.drl:12: mismatched input");
            out.reset();
            assertThat(run("reload", "--url", url, "--format", "json")).isEqualTo(1);
            assertThat(output()).startsWith("{\"title\":\"Reload refused\"");
            status[0] = 401;
            out.reset();
            assertThat(run("reload", "--url", url)).isEqualTo(2);
            assertThat(output()).contains("REFERRALS_API_KEY", "Nothing was reloaded");
        } finally {
            server.stop(0);
        }
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
    void decideOfAnUnknownAreaNamesTheAreasThereAre(@TempDir Path temp) throws IOException {
        Path request = temp.resolve("case.json");
        Files.writeString(request, "{\"caseRef\":\"C-9\",\"area\":\"clevland\",\"asOf\":\"2026-06-15\"}");
        assertThat(run("decide", request.toString())).isEqualTo(2);
        assertThat(errors()).contains("no rule set for area 'clevland'", "known areas: [cleveland, lancashire, lincolnshire, warwickshire]");
    }

    @Test
    void diffListsEveryChangedFieldOfEachCaseOnceAndCountsKindsOfChange() {
        assertThat(run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04")).isEqualTo(1);
        assertThat(output()).contains("GOLD-CL-021  (cleveland/2017-10/not-repeat-further-incident-of-other-type-not-referred.json)",
                        "same request also in cleveland/2026-04/repeat-further-incident-of-other-type-referred-under-wider-definition.json",
                        "    marac.refer: false -> true", "    marac.repeat: false -> true",
                        "    actions: + FORWARD_REFERRAL_TO_MARAC_COORDINATOR_WITHIN_24_HOURS",
                        "    unmetCriteria.REPEAT: further incident on 2026-03-10 is not violence or threats",
                        "    firedRules: + Repeat: any further abuse within the repeat window of the last referral",
                        "- Not a repeat: further incident is not behaviour that would be criminal",
                        "Cases per kind of change:", "newly referred on REPEAT", "gain action FORWARD_REFERRAL_TO_MARAC_COORDINATOR_WITHIN_24_HOURS")
                .containsPattern("\\d+ repeated requests counted once");
        assertThat(output().split("GOLD-CL-021  \\(", -1)).as("the same scenario in both version folders counts once").hasSize(2);
    }

    @Test
    void diffOfARevisedThresholdShowsTheFiguresAndTheSummaryFromACorpusAlone(@TempDir Path temp) throws IOException {
        Path rules = Fixtures.copy(Path.of("rules"), temp.resolve("rules"));
        Path cases = Fixtures.copy(Path.of("test-cases/cleveland"), temp.resolve("test-cases/cleveland"));
        assertThat(run("new-version", "--from", "cleveland@2026-04", "--version", "2027-04", "--effective-from", "2027-04-01",
                "--rules", rules.toString(), "--cases", temp.resolve("test-cases").toString())).isZero();
        Path parameters = rules.resolve("cleveland/2027-04/parameters.drl");
        Files.writeString(parameters, Files.readString(parameters).replace("potentialEscalationIncidents() { return 3; }", "potentialEscalationIncidents() { return 2; }"));
        Path corpus = temp.resolve("last-year.jsonl");
        String twoIncidents = "{\"caseRef\":\"LOG-7\",\"area\":\"cleveland\",\"asOf\":\"2027-06-15\",\"victim\":{\"age\":30,\"relationship\":\"CURRENT_PARTNER\"},"
                + "\"perpetrator\":{\"age\":30},\"policeIncidents\":[{\"date\":\"2027-01-10\"},{\"date\":\"2027-03-02\"}]}";
        String none = "{\"caseRef\":\"LOG-8\",\"area\":\"cleveland\",\"asOf\":\"2027-06-15\",\"victim\":{\"age\":30,\"relationship\":\"CURRENT_PARTNER\"},\"perpetrator\":{\"age\":30}}";
        Files.writeString(corpus, twoIncidents + "\n" + none + "\n{\"request\":" + twoIncidents + "}\n");
        out.reset();
        assertThat(run("diff", "--from", "cleveland@2026-04", "--to", "cleveland@2027-04", "--rules", rules.toString(),
                "--corpus", corpus.toString(), "--no-golden")).as(errors()).isEqualTo(1);
        assertThat(output()).contains("2 of 2 cases decided differently (1 repeated requests counted once)",
                "LOG-7  (" + corpus + " line 1)  same request also in " + corpus + " line 3",
                "    marac.refer: false -> true", "    informationSharing.basis: MUST_NOT_FORWARD -> WITHOUT_CONSENT",
                "- RECORD_DECISION_NOT_TO_SHARE_AND_ALTERNATIVE_ACTIONS",
                "unmetCriteria.POTENTIAL_ESCALATION: 2 police-reported incidents", "3 needed -> met",
                "LOG-8  (" + corpus + " line 2)", "3 needed -> 0 police-reported incidents", "; 2 needed",
                "Cases per kind of change:\n       1  newly referred on POTENTIAL_ESCALATION", "   1  unmet POTENTIAL_ESCALATION: figures change")
                .doesNotContain("GOLD-");

        out.reset();
        assertThat(run("diff", "--from", "cleveland@2026-04", "--to", "cleveland@2027-04", "--rules", rules.toString(),
                "--corpus", corpus.toString(), "--no-golden", "--format", "json")).isEqualTo(1);
        assertThat(output()).contains("\"caseRef\" : \"LOG-7\"", "\"newly referred on POTENTIAL_ESCALATION\" : 1");
    }

    @Test
    void diffWithNoChangeExits0AndABadCorpusLineIsNamedWithExit2(@TempDir Path temp) throws IOException {
        Path corpus = temp.resolve("corpus.jsonl");
        Files.writeString(corpus, "{\"caseRef\":\"C-2\",\"area\":\"cleveland\",\"asOf\":\"2026-06-15\",\"victim\":{\"age\":30,\"relationship\":\"CURRENT_PARTNER\"},\"perpetrator\":{\"age\":30}}\n");
        assertThat(run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04", "--corpus", corpus.toString(), "--no-golden")).isZero();
        assertThat(output()).contains("0 of 1 cases decided differently");

        Files.writeString(corpus, "\n{\"caseRef\":\"C-2\",\"area\":\"cleveland\",\n[1]\n", java.nio.file.StandardOpenOption.APPEND);
        out.reset();
        assertThat(run("diff", "--from", "cleveland@2017-10", "--to", "cleveland@2026-04", "--corpus", corpus.toString())).isEqualTo(2);
        assertThat(errors()).contains(corpus + " line 3: not JSON", corpus + " line 4: not a JSON object", "diff did not run").doesNotContain("Exception");
        assertThat(output()).isEmpty();
    }

    @Test
    void coveragePassesOnTheRepositoryAndFailsOnANewUncoveredRule(@TempDir Path temp) throws IOException {
        assertThat(run("coverage")).isZero();
        assertThat(output()).contains("0 rules fired by no golden case", "cleveland/2026-04/thresholds.drl: threshold `DashAssessment( ticks >= 14 )`: cases at 13 and 14 — covered")
                .containsPattern("; 0 of \\d+ thresholds uncovered").doesNotContain("UNCOVERED");

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
    void coverageExits1NamingAThresholdThatLostTheCaseOnOneSide(@TempDir Path temp) throws IOException {
        Path cases = Fixtures.copy(Path.of("test-cases/lincolnshire"), temp.resolve("test-cases/lincolnshire"));
        Files.delete(cases.resolve("2011-06/not-repeat-violence-one-day-after-12-month-window-not-referred.json"));
        assertThat(run("coverage", "--cases", cases.toString())).isEqualTo(1);
        assertThat(output()).contains("UNCOVERED lincolnshire/2011-06/repeat.drl: threshold `further incident within 12 months of the last referral",
                "a case at 0 meets it, but no case at -1 fails it — UNCOVERED").containsPattern("; 1 of \\d+ thresholds uncovered")
                .doesNotContain("cleveland@");
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
        assertThat(run("verify", "--format", "yaml")).isEqualTo(2);
        assertThat(run("test", "--unknown", "x")).isEqualTo(2);
        assertThat(run("test", "--rules", "/no/such/dir")).isEqualTo(2);
    }
}
