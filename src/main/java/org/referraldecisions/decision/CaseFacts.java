package org.referraldecisions.decision;

import java.util.ArrayList;
import java.util.List;

import org.referraldecisions.decision.facts.AsOf;
import org.referraldecisions.decision.facts.Consent;
import org.referraldecisions.decision.facts.CurrentIncident;
import org.referraldecisions.decision.facts.DashAssessment;
import org.referraldecisions.decision.facts.Disclosure;
import org.referraldecisions.decision.facts.Locality;
import org.referraldecisions.decision.facts.MappaScreening;
import org.referraldecisions.decision.facts.MaracPlanInsufficient;
import org.referraldecisions.decision.facts.Offender;
import org.referraldecisions.decision.facts.Perpetrator;
import org.referraldecisions.decision.facts.PoliceIncident;
import org.referraldecisions.decision.facts.PreviousMaracReferral;
import org.referraldecisions.decision.facts.ProfessionalJudgement;
import org.referraldecisions.decision.facts.SafeguardingContext;
import org.referraldecisions.decision.facts.Urgency;
import org.referraldecisions.decision.facts.Victim;

/**
 * Everything the rules may know about one case, already validated. Optional parts are {@code null}
 * when the calling system did not send them; a rule that needs them simply does not match.
 */
public record CaseFacts(
        AsOf asOf,
        Victim victim,
        Perpetrator perpetrator,
        DashAssessment dash,
        List<PoliceIncident> policeIncidents,
        ProfessionalJudgement professionalJudgement,
        PreviousMaracReferral previousMaracReferral,
        CurrentIncident currentIncident,
        SafeguardingContext context,
        Consent consent,
        Urgency urgency,
        Offender offender,
        MappaScreening mappaScreening,
        boolean maracPlanInsufficient,
        Locality locality,
        Disclosure disclosure) {

    public CaseFacts {
        policeIncidents = List.copyOf(policeIncidents);
    }

    /** The facts inserted into the session. */
    public List<Object> asFacts() {
        List<Object> facts = new ArrayList<>(16 + policeIncidents.size());
        facts.add(asOf);
        facts.add(victim);
        facts.add(perpetrator);
        facts.add(dash);
        facts.addAll(policeIncidents);
        addIfPresent(facts, professionalJudgement);
        addIfPresent(facts, previousMaracReferral);
        addIfPresent(facts, currentIncident);
        facts.add(context);
        facts.add(consent);
        facts.add(urgency);
        addIfPresent(facts, offender);
        addIfPresent(facts, mappaScreening);
        addIfPresent(facts, locality);
        addIfPresent(facts, disclosure);
        if (maracPlanInsufficient) {
            facts.add(new MaracPlanInsufficient());
        }
        return facts;
    }

    private static void addIfPresent(List<Object> facts, Object fact) {
        if (fact != null) {
            facts.add(fact);
        }
    }
}
