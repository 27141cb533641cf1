package org.referraldecisions.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import org.referraldecisions.ruleset.RulesetCatalog;
import org.referraldecisions.ruleset.RulesetLoader;
import org.referraldecisions.service.DecisionResponseV1;

/**
 * A threshold is one edit: lowering Cleveland's potential-escalation threshold from 3 incidents to 2 changes one
 * line of {@code parameters.drl}, and then only the golden cases whose decision changes fail, none because a rule
 * name or text carried the old figure.
 */
class ThresholdRevisionTests {

    private static final String PARAMETER = "function int potentialEscalationIncidents() { return 3; }";

    @TempDir
    Path temp;

    @Test
    void changingOneThresholdIsOneEditAndFailsOnlyTheCasesWhoseDecisionChanges() throws IOException {
        Path rules = Fixtures.copy(Fixtures.RULES, temp.resolve("rules"));
        Path parameters = rules.resolve("cleveland/2026-04/parameters.drl");
        String before = Files.readString(parameters);
        assertThat(before).as("the escalation threshold is a named parameter").contains(PARAMETER);
        String after = before.replace(PARAMETER, PARAMETER.replace("return 3;", "return 2;"));
        Files.writeString(parameters, after);
        assertThat(changedLines(before, after)).as("lines edited").isEqualTo(1);

        List<GoldenCase> cases = GoldenCaseLoader.load(Fixtures.CASES.resolve("cleveland/2026-04"), new ArrayList<>())
                .stream().map(c -> new GoldenCase("cleveland/2026-04/" + c.name(), c.description(), c.citations(), c.request(), c.expect()))
                .toList();
        RulesetCatalog revised = RulesetLoader.load(rules);
        Map<String, GoldenOutcome> was = byName(Fixtures.goldenRunner().runAll(cases));
        Map<String, GoldenOutcome> now = byName(new GoldenRunner(Fixtures.reader(), Fixtures.service(revised)).runAll(cases));

        assertThat(was.values()).as("every case passes before the edit").allMatch(GoldenOutcome::passed);
        Set<String> failing = now.values().stream().filter(o -> !o.passed()).map(o -> o.goldenCase().name())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> changed = was.keySet().stream().filter(name -> !sameDecision(was.get(name).decision(), now.get(name).decision()))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(failing).as("cases failing after the edit").isNotEmpty();
        assertThat(changed).as("cases whose decision changed").containsAll(failing);
        assertThat(failing).as("a case that now refers on 2 incidents fails because its referral changed")
                .anyMatch(name -> was.get(name).decision().marac().refer() != now.get(name).decision().marac().refer());
    }

    /** What a calling system acts on; the trace's texts are not part of it. */
    private static boolean sameDecision(DecisionResponseV1 a, DecisionResponseV1 b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.marac(), b.marac()) && Objects.equals(a.informationSharing(), b.informationSharing())
                && Objects.equals(a.mappa(), b.mappa()) && Objects.equals(a.actions(), b.actions())
                && Objects.equals(a.unmetCriteria(), b.unmetCriteria()) && Objects.equals(a.warnings(), b.warnings());
    }

    private static Map<String, GoldenOutcome> byName(List<GoldenOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(o -> o.goldenCase().name(), Function.identity()));
    }

    private static long changedLines(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        assertThat(b).hasSameSizeAs(a);
        long changed = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                changed++;
            }
        }
        return changed;
    }
}
