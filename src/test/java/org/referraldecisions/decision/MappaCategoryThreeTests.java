package org.referraldecisions.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.referraldecisions.decision.facts.AsOf;
import org.referraldecisions.decision.facts.Consent;
import org.referraldecisions.decision.facts.DashAssessment;
import org.referraldecisions.decision.facts.JudgementGround;
import org.referraldecisions.decision.facts.ManagingAgency;
import org.referraldecisions.decision.facts.MappaScreening;
import org.referraldecisions.decision.facts.Offender;
import org.referraldecisions.decision.facts.Perpetrator;
import org.referraldecisions.decision.facts.ProfessionalJudgement;
import org.referraldecisions.decision.facts.Relationship;
import org.referraldecisions.decision.facts.RiskOfSeriousHarm;
import org.referraldecisions.decision.facts.SafeguardingContext;
import org.referraldecisions.decision.facts.Urgency;
import org.referraldecisions.decision.facts.Victim;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Every answer to the MAPPA referral checklist (Cleveland Appendix 6: agencies needed 0 to 4 and the
 * five yes/no questions) for offenders in each category, decided by the national rules: category 3
 * is never managed at level 1, and the level is what the checklist says.
 */
class MappaCategoryThreeTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

    /** Not registered, no Schedule 15 conviction, but a conviction and HIGH risk: category 3 if the checklist supports level 2 or 3. */
    private static final Offender CATEGORY_3 =
            new Offender(false, false, 0, false, true, false, RiskOfSeriousHarm.HIGH, 0, ManagingAgency.POLICE);
    /** A category 2 sentence whose statutory supervision has ended, still VERY_HIGH risk: treated as category 3. */
    private static final Offender CATEGORY_2_LEAVER =
            new Offender(false, true, 24, false, true, false, RiskOfSeriousHarm.VERY_HIGH, 0, ManagingAgency.POLICE);
    private static final Offender CATEGORY_1 =
            new Offender(true, false, 0, false, true, false, RiskOfSeriousHarm.MEDIUM, 1, ManagingAgency.POLICE);
    private static final Offender CATEGORY_2 =
            new Offender(false, true, 12, false, true, true, RiskOfSeriousHarm.HIGH, 1, ManagingAgency.PROBATION);

    @Test
    void categoryThreeIsNeverLevelOneAndFollowsTheChecklist() {
        for (Offender offender : List.of(CATEGORY_3, CATEGORY_2_LEAVER)) {
            for (MappaScreening checklist : everyChecklist()) {
                MappaOutcome mappa = decide(offender, checklist);
                String why = offender + " " + checklist;
                if (meetsStepsTwoToFour(checklist)) {
                    assertThat(mappa.category()).as(why).isEqualTo(3);
                    assertThat(mappa.eligible()).as(why).isTrue();
                    assertThat(mappa.recommendedLevel()).as(why).isEqualTo(levelTwoOrThree(checklist));
                } else {
                    // Outside MAPPA: no category, no level, not eligible.
                    assertThat(mappa.category()).as(why).isNull();
                    assertThat(mappa.recommendedLevel()).as(why).isNull();
                    assertThat(mappa.eligible()).as(why).isFalse();
                }
                if (mappa.category() != null && mappa.category() == 3) {
                    assertThat(mappa.recommendedLevel()).as(why).isNotEqualTo(1);
                }
            }
        }
    }

    @Test
    void categoriesOneAndTwoFallToLevelOneWhenTheChecklistIsNotMet() {
        for (Offender offender : List.of(CATEGORY_1, CATEGORY_2)) {
            int category = offender.registeredSexOffender() ? 1 : 2;
            for (MappaScreening checklist : everyChecklist()) {
                MappaOutcome mappa = decide(offender, checklist);
                String why = offender + " " + checklist;
                assertThat(mappa.category()).as(why).isEqualTo(category);
                assertThat(mappa.eligible()).as(why).isTrue();
                int expected = meetsStepsTwoToFour(checklist) ? levelTwoOrThree(checklist) : 1;
                assertThat(mappa.recommendedLevel()).as(why).isEqualTo(expected);
            }
        }
    }

    @Test
    void everyCombinationIsTried() {
        assertThat(everyChecklist()).hasSize(5 * 32);
    }

    /** Steps 2 to 4: enough agencies (3 with police and probation both involved, else 2), current active risk, added value. */
    private static boolean meetsStepsTwoToFour(MappaScreening s) {
        int agenciesRequired = s.policeAndProbationInvolved() ? 3 : 2;
        return s.agenciesNeeded() >= agenciesRequired && s.currentActiveRisk() && s.addsValue();
    }

    /** Step 5: media scrutiny or very high public interest, or resources only senior staff can commit, suggest level 3. */
    private static int levelTwoOrThree(MappaScreening s) {
        return s.mediaOrPublicInterest() || s.seniorResourcesNeeded() ? 3 : 2;
    }

    private static List<MappaScreening> everyChecklist() {
        List<MappaScreening> all = new ArrayList<>();
        for (int agencies = 0; agencies <= 4; agencies++) {
            for (int bits = 0; bits < 32; bits++) {
                all.add(new MappaScreening(agencies, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                        (bits & 8) != 0, (bits & 16) != 0));
            }
        }
        return all;
    }

    private static MappaOutcome decide(Offender offender, MappaScreening checklist) {
        CompiledRuleset ruleset = Fixtures.catalog().select("cleveland", AS_OF, null);
        CaseFacts facts = new CaseFacts(new AsOf(AS_OF), new Victim(34, Relationship.CURRENT_PARTNER, 0), new Perpetrator(36),
                new DashAssessment(9, 0, 27, 27, true), List.of(),
                new ProfessionalJudgement(true, List.of(JudgementGround.ESCALATION), "escalating"),
                null, null, new SafeguardingContext(false, false, false), new Consent(true, true, false, true),
                new Urgency(false, false, false, false), offender, checklist, false, null, null);
        return DecisionEngine.decide(ruleset, facts).mappa();
    }
}
