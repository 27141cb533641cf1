package org.referraldecisions.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.referraldecisions.decision.facts.*;
import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetLoader;

/**
 * A replayed decision must be identical. Drools may fire rules of equal salience in a different
 * order in another JVM or another build of the same rules; the trace must not show it.
 */
class TraceDeterminismTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

    @Test
    void sameCaseGivesTheSameTraceWhateverTheBuildAndInsertionOrder() {
        CompiledRuleset first = Fixtures.catalog().select("cleveland", AS_OF, null);
        CompiledRuleset second = RulesetLoader.load(Path.of("rules")).select("cleveland", AS_OF, null);
        CaseFacts facts = busyCase();

        Decision reference = DecisionEngine.decide(first, facts);
        assertThat(reference.firedRules()).hasSizeGreaterThan(8);
        for (int i = 0; i < 20; i++) {
            List<Object> shuffled = new ArrayList<>(facts.asFacts());
            Collections.shuffle(shuffled, new java.util.Random(i));
            Decision again = DecisionEngine.decide(i % 2 == 0 ? first : second, shuffled);
            assertThat(again).isEqualTo(reference);
        }
    }

    @Test
    void firedRulesFollowThePhases() {
        Decision decision = DecisionEngine.decide(Fixtures.catalog().select("cleveland", AS_OF, null), busyCase());
        List<String> names = decision.firedRules().stream().map(FiredRule::rule).toList();
        assertThat(names.indexOf("Domestic abuse: both aged 16 or over, partners or family members"))
                .isLessThan(names.indexOf("Refer: a ground other than the DASH tick count"));
        assertThat(names.indexOf("Refer: a ground other than the DASH tick count"))
                .isLessThan(names.indexOf("Share without consent: referred at high risk without the victim's consent"));
    }

    /** A case that fires rules in every phase, several in the same phase. */
    static CaseFacts busyCase() {
        return new CaseFacts(new AsOf(AS_OF), new Victim(30, Relationship.CURRENT_PARTNER, 2), new Perpetrator(33),
                new DashAssessment(15, 2, 27, 27, true),
                List.of(new PoliceIncident(LocalDate.of(2025, 6, 15)), new PoliceIncident(LocalDate.of(2026, 1, 1)),
                        new PoliceIncident(LocalDate.of(2026, 2, 1))),
                new ProfessionalJudgement(true, List.of(JudgementGround.ESCALATION), "escalating"),
                new PreviousMaracReferral(LocalDate.of(2025, 8, 1), "cleveland"),
                new CurrentIncident(LocalDate.of(2026, 6, 1), Set.of(IncidentType.VIOLENCE_OR_THREATS)),
                new SafeguardingContext(false, false, false), new Consent(true, false, true, true),
                new Urgency(true, false, false, false),
                new Offender(false, true, 14, false, true, true, RiskOfSeriousHarm.HIGH, 1, ManagingAgency.PROBATION),
                null, false, null, null);
    }
}
