package org.referraldecisions.decision;

import java.util.List;

import org.referraldecisions.decision.facts.HearingType;
import org.referraldecisions.decision.facts.LeadForum;
import org.referraldecisions.decision.facts.Listing;
import org.referraldecisions.decision.facts.MaracGround;
import org.referraldecisions.decision.facts.RequiredAction;
import org.referraldecisions.decision.facts.SharingBasis;
import org.referraldecisions.decision.facts.UnmetCriterion;
import org.referraldecisions.ruleset.RulesetId;

/**
 * What the protocol requires for one case, with the reasons: every fired rule in order, every
 * threshold checked and not met, and warnings about what was not known. {@code listing} is where and by when a
 * referred case is heard (null when the rules listed none); actions carry their due dates.
 */
public record Decision(
        RulesetId ruleset,
        String rulesetSha256,
        boolean refer,
        List<MaracGround> grounds,
        boolean repeat,
        HearingType hearing,
        LeadForum lead,
        SharingBasis informationSharing,
        MappaOutcome mappa,
        List<RequiredAction> actions,
        List<FiredRule> firedRules,
        List<UnmetCriterion> unmetCriteria,
        List<String> warnings,
        Listing listing) {

    public Decision {
        grounds = List.copyOf(grounds);
        actions = List.copyOf(actions);
        firedRules = List.copyOf(firedRules);
        unmetCriteria = List.copyOf(unmetCriteria);
        warnings = List.copyOf(warnings);
    }
}
