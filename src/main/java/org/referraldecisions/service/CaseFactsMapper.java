package org.referraldecisions.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.referraldecisions.decision.CaseFacts;
import org.referraldecisions.decision.facts.AsOf;
import org.referraldecisions.decision.facts.Consent;
import org.referraldecisions.decision.facts.CurrentIncident;
import org.referraldecisions.decision.facts.DashAnswer;
import org.referraldecisions.decision.facts.DashAssessment;
import org.referraldecisions.decision.facts.DashQuestion;
import org.referraldecisions.decision.facts.Disclosure;
import org.referraldecisions.decision.facts.Locality;
import org.referraldecisions.decision.facts.MappaScreening;
import org.referraldecisions.decision.facts.Offender;
import org.referraldecisions.decision.facts.Perpetrator;
import org.referraldecisions.decision.facts.PoliceIncident;
import org.referraldecisions.decision.facts.PreviousMaracReferral;
import org.referraldecisions.decision.facts.ProfessionalJudgement;
import org.referraldecisions.decision.facts.SafeguardingContext;
import org.referraldecisions.decision.facts.Urgency;
import org.referraldecisions.decision.facts.Victim;

/**
 * Maps a validated request to the facts the rules see. It counts and copies; it never compares
 * against a threshold (those live in the DRL). Absent flags are false; absent consent is recorded
 * as not stated so the rules can say so.
 */
public final class CaseFactsMapper {

    private CaseFactsMapper() {
    }

    public static CaseFacts toFacts(DecisionRequestV1 r) {
        return new CaseFacts(
                new AsOf(r.asOf()),
                new Victim(r.victim().age(), r.victim().relationship(), orZero(r.victim().childrenInHousehold())),
                new Perpetrator(r.perpetrator().age()),
                dash(r.dash()),
                r.policeIncidents() == null ? List.of() : r.policeIncidents().stream().map(i -> new PoliceIncident(i.date())).toList(),
                r.professionalJudgement() == null ? null : new ProfessionalJudgement(
                        r.professionalJudgement().concerned(),
                        r.professionalJudgement().grounds() == null ? List.of() : r.professionalJudgement().grounds(),
                        r.professionalJudgement().rationale() == null ? "" : r.professionalJudgement().rationale()),
                r.previousMaracReferral() == null ? null
                        : new PreviousMaracReferral(r.previousMaracReferral().date(), r.previousMaracReferral().area()),
                r.currentIncident() == null ? null
                        : new CurrentIncident(r.currentIncident().date(), EnumSet.copyOf(r.currentIncident().types())),
                r.context() == null ? new SafeguardingContext(false, false, false) : new SafeguardingContext(
                        isTrue(r.context().honourBasedViolence()), isTrue(r.context().forcedMarriage()),
                        isTrue(r.context().femaleGenitalMutilation())),
                r.consent() == null ? new Consent(false, false, false, false) : new Consent(
                        r.consent().victimAware(), r.consent().consentGiven(), r.consent().significantConcern(), true),
                r.urgency() == null ? new Urgency(false, false, false, false) : new Urgency(
                        isTrue(r.urgency().significantRiskOfHarm()), isTrue(r.urgency().escalatingAbuse()),
                        isTrue(r.urgency().possibleHomicide()), isTrue(r.urgency().riskToChildren())),
                offender(r.offender()),
                screening(r.mappaScreening()),
                isTrue(r.maracPlanInsufficient()),
                r.locality() == null ? null : new Locality(r.locality()),
                r.disclosureDate() == null ? null : new Disclosure(r.disclosureDate()));
    }

    private static DashAssessment dash(DecisionRequestV1.Dash dash) {
        int ticks = 0;
        int dontKnow = 0;
        int answered = 0;
        Map<String, DashAnswer> answers = dash == null || dash.answers() == null ? Map.of() : dash.answers();
        for (DashAnswer answer : answers.values()) {
            answered++;
            if (answer == DashAnswer.YES) {
                ticks++;
            } else if (answer == DashAnswer.DONT_KNOW) {
                dontKnow++;
            }
        }
        return new DashAssessment(ticks, dontKnow, answered, DashQuestion.values().length,
                dash == null ? null : dash.riskWithinLastThreeMonths());
    }

    private static Offender offender(DecisionRequestV1.Offender o) {
        if (o == null) {
            return null;
        }
        // Unknown stays unknown (null): an offender fact the caller did not know must never count as "no".
        return new Offender(o.registeredSexOffender(), o.relevantViolentOrSexualConviction(),
                o.custodialSentenceMonths(), o.hospitalOrGuardianshipOrder(), o.convictionOrCaution(),
                o.underStatutorySupervision(), o.riskOfSeriousHarm(), o.mappaLevel(), o.managingAgency());
    }

    private static MappaScreening screening(DecisionRequestV1.MappaScreening s) {
        if (s == null) {
            return null;
        }
        return new MappaScreening(s.agenciesNeeded(), s.policeAndProbationInvolved(), s.currentActiveRisk(), s.addsValue(),
                s.mediaOrPublicInterest(), s.seniorResourcesNeeded());
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
