package org.referraldecisions.bench;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.referraldecisions.decision.CaseFacts;
import org.referraldecisions.decision.facts.HearingType;
import org.referraldecisions.decision.facts.IncidentType;
import org.referraldecisions.decision.facts.MaracGround;
import org.referraldecisions.decision.facts.Relationship;
import org.referraldecisions.decision.facts.SharingBasis;

/**
 * The Cleveland 2017-10 thresholds written directly in Java: the benchmark's lower bound only.
 * The product never decides this way; thresholds belong in DRL for policy owners.
 */
final class HandWrittenCleveland {

    record Outcome(boolean refer, Set<MaracGround> grounds, HearingType hearing, SharingBasis sharing) {
    }

    private HandWrittenCleveland() {
    }

    static Outcome decide(CaseFacts c) {
        boolean domesticAbuse = c.victim().age() >= 16 && c.perpetrator().age() >= 16 && c.victim().relationship() != Relationship.OTHER;
        if (!domesticAbuse) {
            return new Outcome(false, Set.of(), HearingType.NONE, SharingBasis.NOT_APPLICABLE);
        }
        Set<MaracGround> grounds = EnumSet.noneOf(MaracGround.class);
        if (c.dash().ticks() >= 14) {
            grounds.add(MaracGround.VISIBLE_HIGH_RISK);
        }
        LocalDate windowStart = c.asOf().date().minusMonths(12);
        if (c.policeIncidents().stream().filter(i -> !i.date().isBefore(windowStart)).count() >= 3) {
            grounds.add(MaracGround.POTENTIAL_ESCALATION);
        }
        if ((c.professionalJudgement() != null && c.professionalJudgement().concerned()) || c.consent().significantConcern()) {
            grounds.add(MaracGround.PROFESSIONAL_JUDGEMENT);
        }
        if (c.previousMaracReferral() != null && c.currentIncident() != null) {
            LocalDate last = c.previousMaracReferral().date();
            LocalDate date = c.currentIncident().date();
            boolean qualifying = c.currentIncident().involves(IncidentType.VIOLENCE_OR_THREATS)
                    || c.currentIncident().involves(IncidentType.STALKING_OR_HARASSMENT_PATTERN)
                    || c.currentIncident().involves(IncidentType.RAPE_OR_SEXUAL_ABUSE);
            if (date.isAfter(last) && !date.isAfter(last.plusMonths(12)) && qualifying) {
                grounds.add(MaracGround.REPEAT);
            }
        }
        boolean refer = grounds.stream().anyMatch(g -> g != MaracGround.VISIBLE_HIGH_RISK);
        SharingBasis sharing = refer ? (c.consent().consentGiven() ? SharingBasis.CONSENT : SharingBasis.WITHOUT_CONSENT)
                : (c.consent().consentGiven() ? SharingBasis.NOT_APPLICABLE : SharingBasis.MUST_NOT_FORWARD);
        boolean urgent = c.urgency().significantRiskOfHarm() || c.urgency().escalatingAbuse()
                || c.urgency().possibleHomicide() || c.urgency().riskToChildren();
        HearingType hearing = !refer ? HearingType.NONE : urgent ? HearingType.EMERGENCY : HearingType.STANDARD;
        return new Outcome(refer, grounds, hearing, sharing);
    }
}
