package org.referraldecisions.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.service.DecisionResponseV1;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.ruleset.RulesetRegistry;

/** A reload swaps rules in only when they compile and pass every golden case; decisions never see a mix. */
class GatedReloadTests {

    private static final String CASE = """
            {"caseRef":"RELOAD-1","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},
             "professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"},
             "consent":{"victimAware":true,"consentGiven":true,"significantConcern":false}}""";
    private static final String HEARING = "cleveland/2026-04/hearing.drl";
    private static final String MARKER = "the referral arriving no less than {referralWorkingDaysBeforeMeeting} working days before the meeting.";

    @TempDir
    Path temp;
    Path rules;
    Path cases;
    RulesetRegistry registry;
    GatedReload reload;

    @BeforeEach
    void copyRepository() throws IOException {
        rules = Fixtures.copy(Fixtures.RULES, temp.resolve("rules"));
        cases = Fixtures.copy(Fixtures.CASES, temp.resolve("test-cases"));
        registry = new RulesetRegistry(Fixtures.catalog());
        reload = new GatedReload(registry, rules, cases, Fixtures.reader(), Fixtures.CLOCK);
    }

    @Test
    void swapsInRulesThatPass() throws IOException {
        edit(HEARING, MARKER, MARKER + " (revised)");
        GatedReload.Report report = reload.reload();
        assertThat(report.problems()).isEmpty();
        assertThat(report.swapped()).isTrue();
        assertThat(report.casesPassed()).isEqualTo(report.casesRun()).isGreaterThan(100);
        assertThat(registry.current()).isNotSameAs(Fixtures.catalog());
        assertThat(decide().firedRules()).anySatisfy(r -> assertThat(r.explanation()).endsWith("(revised)"));
    }

    @Test
    void aBrokenDrlIsRefusedWithFileAndLineAndTheOldRulesKeepServing() throws IOException {
        edit(HEARING, "insert(new Hearing(HearingType.STANDARD));", "insert(new Hearing(HearingType.STANDARD);");
        GatedReload.Report report = reload.reload();
        assertThat(report.swapped()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).matches("rules/cleveland/2026-04/hearing\\.drl:\\d+: .*"));
        assertThat(registry.current()).isSameAs(Fixtures.catalog());
    }

    @Test
    void aFailingGoldenCaseIsRefusedNamingTheCase() throws IOException {
        // A policy edit that changes an outcome without updating the golden cases: 3 incidents become 4.
        edit("cleveland/2017-10/parameters.drl", "function int potentialEscalationIncidents() { return 3; }",
                "function int potentialEscalationIncidents() { return 4; }");
        GatedReload.Report report = reload.reload();
        assertThat(report.swapped()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("cleveland/2017-10/potential-escalation-3-incidents-oldest-on-first-day-of-window-referred.json: "));
        assertThat(registry.current()).isSameAs(Fixtures.catalog());
    }

    @Test
    void aNewRuleNoCaseFiresIsRefused() throws IOException {
        Files.writeString(rules.resolve(HEARING), Files.readString(rules.resolve(HEARING)) + """

                rule "Closed session for forced marriage (untested)"
                    @citation("Cleveland 6.1.3") @explanation("not yet covered by a golden case")
                    salience 60
                when
                    MaracReferral()
                    SafeguardingContext( forcedMarriage, honourBasedViolence == false, femaleGenitalMutilation == true )
                then
                end
                """);
        GatedReload.Report report = reload.reload();
        assertThat(report.swapped()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("no golden case fires", "Closed session for forced marriage (untested)"));
    }

    @Test
    void decisionsDuringReloadsNeverFailNorMixRuleSets() throws Exception {
        // Two passing variants of one file, told apart by an explanation; each is identified by its hash.
        String original = Files.readString(rules.resolve(HEARING));
        String variant = original.replace(MARKER, MARKER + " (variant)");
        Map<String, Boolean> variantByHash = new ConcurrentHashMap<>();
        DecisionService service = new DecisionService(registry, Fixtures.CLOCK, () -> "id");
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> deciders = Stream.generate(() -> pool.submit(() -> {
                int decided = 0;
                while (reloading.get() || decided < 50) {
                    DecisionResponseV1 d = service.decide(Fixtures.reader().read(CASE.getBytes(StandardCharsets.UTF_8)));
                    boolean isVariant = d.firedRules().stream().anyMatch(r -> r.explanation().endsWith("(variant)"));
                    Boolean previous = variantByHash.putIfAbsent(d.ruleset().sha256(), isVariant);
                    assertThat(previous == null || previous == isVariant).as("one hash, one set of rules").isTrue();
                    assertThat(d.firedRules()).allSatisfy(r -> assertThat(r.ruleset()).isIn("cleveland@2026-04", "common@2016-01"));
                    decided++;
                }
                return decided;
            })).limit(3).toList();
            for (int i = 0; i < 4; i++) {
                Files.writeString(rules.resolve(HEARING), i % 2 == 0 ? variant : original);
                assertThat(reload.reload().swapped()).isTrue();
            }
            reloading.set(false);
            for (Future<Integer> decider : deciders) {
                assertThat(decider.get()).isGreaterThanOrEqualTo(50);
            }
        } finally {
            reloading.set(false);
            pool.shutdownNow();
        }
        assertThat(variantByHash.values()).contains(true, false);
    }

    private DecisionResponseV1 decide() {
        return new DecisionService(registry, Fixtures.CLOCK, () -> "id").decide(Fixtures.reader().read(CASE.getBytes(StandardCharsets.UTF_8)));
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = rules.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }
}
