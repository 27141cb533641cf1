package org.referraldecisions.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.referraldecisions.Fixtures;

/**
 * Every golden case under {@code test-cases/}, one test each, named by its file; and the guarantee
 * that every rule in {@code rules/} is fired by at least one of them.
 */
class GoldenCasesTests {

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseDecidesAsExpected() {
        List<String> problems = new ArrayList<>();
        List<GoldenCase> cases = GoldenCaseLoader.load(Fixtures.CASES, problems);
        assertThat(problems).as("malformed golden case files").isEmpty();
        assertThat(cases).as("golden cases under " + Fixtures.CASES).isNotEmpty();
        GoldenRunner runner = Fixtures.goldenRunner();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            GoldenOutcome outcome = runner.run(c);
            assertThat(outcome.mismatches()).as(c.name() + " (" + c.description() + ")").isEmpty();
        }));
    }

    @Test
    void everyRuleIsFiredByAtLeastOneGoldenCase() {
        List<String> problems = new ArrayList<>();
        List<GoldenOutcome> outcomes = Fixtures.goldenRunner().runAll(GoldenCaseLoader.load(Fixtures.CASES, problems));
        assertThat(RuleCoverage.uncovered(Fixtures.catalog(), outcomes)).as("rules no golden case fires").isEmpty();
    }

    @Test
    void everyAreaVersionHasItsOwnCitedGoldenCases() {
        for (var ruleset : Fixtures.catalog().all()) {
            if (ruleset.manifest().library()) {
                continue;
            }
            var dir = Fixtures.CASES.resolve(ruleset.id().area()).resolve(ruleset.id().version());
            List<GoldenCase> cases = GoldenCaseLoader.load(dir, new ArrayList<>());
            assertThat(cases).as("golden cases in " + dir).hasSizeGreaterThanOrEqualTo(30);
            assertThat(cases).allSatisfy(c -> assertThat(c.citations()).isNotEmpty());
        }
    }
}
