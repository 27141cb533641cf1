package org.referraldecisions.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.service.CaseFactsMapper;

/**
 * Every session run is bounded: a rule set that loops is stopped at the firing limit, one consequence
 * that keeps inserting at the conclusion limit, a slow one at the time limit; each names the rules, and
 * the pooled working memory it ran on decides the next case exactly as a fresh one would.
 */
class RuleLimitsTests {

    /** Loops for a victim aged 99: each warning it concludes makes it fire again. */
    private static final String LOOP = """

            rule "Test loop: every warning begets another"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 10
            when
                Victim( age == 99 )
                $w : Warning()
            then
                insert(new Warning($w.text() + "."));
            end

            rule "Test loop: the first warning"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 10
            when
                Victim( age == 99 )
                not Warning()
            then
                insert(new Warning("loop"));
            end

            rule "Test flood: one consequence inserts without end"
                @citation("Cleveland 7.1.1") @explanation("a defect, for the test")
                salience 10
            when
                Victim( age == 98 )
            then
                for (int i = 0; i < Integer.MAX_VALUE; i++) { insert(new Warning("flood " + i)); }
            end
            """;

    private static final String CASE = """
            {"caseRef":"LIMIT-1","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":AGE,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31},
             "professionalJudgement":{"concerned":true,"grounds":["ESCALATION"],"rationale":"escalating"},
             "consent":{"victimAware":true,"consentGiven":true,"significantConcern":false}}""";

    private static CompiledRuleset looping;

    @BeforeAll
    static void compileALoopingRuleSet(@TempDir Path temp) throws IOException {
        Path rules = temp.resolve("rules");
        Fixtures.copy(Fixtures.RULES.resolve("common"), rules.resolve("common"));
        Fixtures.copy(Fixtures.RULES.resolve("cleveland"), rules.resolve("cleveland"));
        Files.copy(Fixtures.RULES.resolve("bank-holidays.yaml"), rules.resolve("bank-holidays.yaml"));
        Path hearing = rules.resolve("cleveland/2026-04/hearing.drl");
        Files.writeString(hearing, Files.readString(hearing) + LOOP);
        looping = RulesetLoader.load(rules).select("cleveland", java.time.LocalDate.of(2026, 6, 15), null);
    }

    @Test
    void aLoopIsStoppedAtTheFiringLimitNamingItsRule() {
        RuleLimitExceededException e = catchThrowableOfType(RuleLimitExceededException.class,
                () -> DecisionEngine.decide(looping, facts(99), new RuleLimits(500, 10_000, Duration.ofMinutes(1))));
        assertThat(e.ruleset()).isEqualTo("cleveland@2026-04");
        assertThat(e.limit()).isEqualTo("the limit of 500 rule firings");
        assertThat(e.firings()).isEqualTo(501);
        assertThat(e.rules()).containsExactly("cleveland@2026-04 Test loop: every warning begets another");
        assertThat(e.getMessage()).contains("cleveland@2026-04", "\"cleveland@2026-04 Test loop: every warning begets another\"");
    }

    @Test
    void oneConsequenceThatKeepsInsertingIsStoppedAtTheConclusionLimit() {
        RuleLimitExceededException e = catchThrowableOfType(RuleLimitExceededException.class,
                () -> DecisionEngine.decide(looping, facts(98), new RuleLimits(10_000, 1_000, Duration.ofMinutes(1))));
        assertThat(e.limit()).isEqualTo("the limit of 1000 facts concluded by rules");
        assertThat(e.rules()).containsExactly("cleveland@2026-04 Test flood: one consequence inserts without end");
    }

    @Test
    void aSlowLoopIsStoppedAtTheTimeLimit() {
        // A clock that moves on 16 ms each time it is read (at every 16th firing or conclusion; each firing of the loop
        // concludes one warning): the loop's 50 ms are over at the 4th reading, by its 32nd firing.
        AtomicLong now = new AtomicLong();
        RuleLimitExceededException e = catchThrowableOfType(RuleLimitExceededException.class,
                () -> DecisionEngine.decide(looping, facts(99).asFacts(), new RuleLimits(1_000_000, 1_000_000, Duration.ofMillis(50)),
                        () -> now.addAndGet(16_000_000)));
        assertThat(e.limit()).isEqualTo("the time limit of 50 ms");
        assertThat(e.firings()).isLessThan(50);
        assertThat(e.rules()).contains("cleveland@2026-04 Test loop: every warning begets another");
    }

    @Test
    void theDefaultLimitsStopALoopToo() {
        RuleLimitExceededException e = catchThrowableOfType(RuleLimitExceededException.class, () -> DecisionEngine.decide(looping, facts(99)));
        // Each firing of the loop concludes one warning, so either count may be passed first.
        assertThat(e.limit()).isIn("the limit of " + RuleLimits.DEFAULT.maxFirings() + " rule firings",
                "the limit of " + RuleLimits.DEFAULT.maxConclusions() + " facts concluded by rules");
        assertThat(e.rules()).contains("cleveland@2026-04 Test loop: every warning begets another");
    }

    @Test
    void aWorkingMemoryStoppedAtALimitDecidesTheNextCaseAsAFreshOneWould() {
        Decision expected = DecisionEngine.decide(looping, facts(30));
        RuleLimits tight = new RuleLimits(200, 200, Duration.ofMinutes(1));
        // One thread, so the pool hands back the same working memory each time.
        for (int i = 0; i < 20; i++) {
            int age = i % 2 == 0 ? 99 : 98;
            assertThat(catchThrowableOfType(RuleLimitExceededException.class, () -> DecisionEngine.decide(looping, facts(age), tight))).isNotNull();
            assertThat(DecisionEngine.decide(looping, facts(30), tight)).isEqualTo(expected);
        }
        assertThat(expected.firedRules()).isNotEmpty().noneMatch(r -> r.rule().startsWith("Test"));
    }

    private static CaseFacts facts(int age) {
        return CaseFactsMapper.toFacts(Fixtures.reader().read(CASE.replace("AGE", Integer.toString(age)).getBytes(StandardCharsets.UTF_8)));
    }
}
