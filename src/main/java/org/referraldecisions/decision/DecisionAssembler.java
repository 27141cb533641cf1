package org.referraldecisions.decision;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.referraldecisions.decision.facts.Ground;
import org.referraldecisions.decision.facts.Hearing;
import org.referraldecisions.decision.facts.HearingType;
import org.referraldecisions.decision.facts.InformationSharing;
import org.referraldecisions.decision.facts.Lead;
import org.referraldecisions.decision.facts.LeadForum;
import org.referraldecisions.decision.facts.MappaCategory;
import org.referraldecisions.decision.facts.MappaEligible;
import org.referraldecisions.decision.facts.MappaLeads;
import org.referraldecisions.decision.facts.MappaLevel;
import org.referraldecisions.decision.facts.MaracGround;
import org.referraldecisions.decision.facts.MaracReferral;
import org.referraldecisions.decision.facts.RepeatCase;
import org.referraldecisions.decision.facts.RequiredAction;
import org.referraldecisions.decision.facts.SharingBasis;
import org.referraldecisions.decision.facts.UnmetCriterion;
import org.referraldecisions.decision.facts.Warning;
import org.referraldecisions.ruleset.CompiledRuleset;

/**
 * Reads the conclusions the rules inserted, in canonical firing order, into a {@link Decision}.
 * Nothing is decided here: where no rule concluded something, the answer is the neutral default
 * (not referred, no hearing, no lead, sharing not applicable).
 */
final class DecisionAssembler {

    private DecisionAssembler() {
    }

    static Decision assemble(CompiledRuleset ruleset, List<TraceListener.Firing> firings) {
        List<FiredRule> fired = new ArrayList<>(firings.size());
        List<Object> conclusions = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (TraceListener.Firing firing : firings) {
            fired.add(new FiredRule(firing.rule().name(), firing.rule().ruleset(), firing.rule().citations(), firing.rule().explanation()));
            for (Object conclusion : firing.conclusions()) {
                conclusions.add(conclusion);
                sources.add(firing.rule().name());
            }
        }
        Set<MaracGround> grounds = EnumSet.noneOf(MaracGround.class);
        Set<RequiredAction> actions = new LinkedHashSet<>();
        Set<UnmetCriterion> unmet = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        boolean refer = false;
        boolean repeat = false;
        boolean eligible = false;
        boolean leads = false;
        for (Object conclusion : conclusions) {
            if (conclusion instanceof Ground g) {
                grounds.add(g.ground());
            } else if (conclusion instanceof RequiredAction a) {
                actions.add(a);
            } else if (conclusion instanceof UnmetCriterion u) {
                unmet.add(u);
            } else if (conclusion instanceof Warning w) {
                warnings.add(w.text());
            } else if (conclusion instanceof MaracReferral) {
                refer = true;
            } else if (conclusion instanceof RepeatCase) {
                repeat = true;
            } else if (conclusion instanceof MappaEligible || conclusion instanceof MappaCategory) {
                eligible = true;
            } else if (conclusion instanceof MappaLeads) {
                leads = true;
            }
        }
        HearingType hearing = single(conclusions, sources, Hearing.class, Hearing::type, HearingType.NONE, "hearing");
        LeadForum lead = single(conclusions, sources, Lead.class, Lead::forum, LeadForum.NONE, "lead");
        SharingBasis sharing = single(conclusions, sources, InformationSharing.class, InformationSharing::basis,
                SharingBasis.NOT_APPLICABLE, "information sharing basis");
        Integer category = single(conclusions, sources, MappaCategory.class, MappaCategory::category, null, "MAPPA category");
        Integer level = single(conclusions, sources, MappaLevel.class, MappaLevel::level, null, "MAPPA level");
        return new Decision(ruleset.id(), ruleset.sha256(), refer, List.copyOf(grounds), repeat, hearing, lead, sharing,
                new MappaOutcome(eligible, category, level, leads),
                List.copyOf(actions), fired, List.copyOf(unmet), List.copyOf(warnings));
    }

    /** A conclusion that must have one value; two rules concluding different values is a rule-set defect. */
    private static <C, V> V single(List<Object> conclusions, List<String> sources, Class<C> type,
                                   Function<C, V> value, V absent, String what) {
        V found = null;
        String foundBy = null;
        for (int i = 0; i < conclusions.size(); i++) {
            if (type.isInstance(conclusions.get(i))) {
                V v = value.apply(type.cast(conclusions.get(i)));
                if (found != null && !found.equals(v)) {
                    throw new RuleConflictException("rules disagree on the " + what + ": \"" + foundBy + "\" concluded "
                            + found + " but \"" + sources.get(i) + "\" concluded " + v);
                }
                found = v;
                foundBy = sources.get(i);
            }
        }
        return found == null ? absent : found;
    }
}
