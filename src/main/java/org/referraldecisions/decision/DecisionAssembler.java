package org.referraldecisions.decision;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.referraldecisions.decision.facts.ActionDue;
import org.referraldecisions.decision.facts.Ground;
import org.referraldecisions.decision.facts.Hearing;
import org.referraldecisions.decision.facts.HearingType;
import org.referraldecisions.decision.facts.InformationSharing;
import org.referraldecisions.decision.facts.Lead;
import org.referraldecisions.decision.facts.LeadForum;
import org.referraldecisions.decision.facts.Listing;
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
        Map<String, ActionDue> due = new LinkedHashMap<>();
        Map<String, String> dueBy = new HashMap<>();
        boolean refer = false;
        boolean repeat = false;
        boolean eligible = false;
        boolean leads = false;
        for (int i = 0; i < conclusions.size(); i++) {
            Object conclusion = conclusions.get(i);
            if (conclusion instanceof Ground g) {
                grounds.add(g.ground());
            } else if (conclusion instanceof RequiredAction a) {
                actions.add(a);
            } else if (conclusion instanceof UnmetCriterion u) {
                unmet.add(u);
            } else if (conclusion instanceof ActionDue d) {
                ActionDue earlier = due.putIfAbsent(d.code(), d);
                if (earlier != null && !earlier.equals(d)) {
                    throw new RuleConflictException("rules disagree on when " + d.code() + " is due: \"" + dueBy.get(d.code()) + "\" concluded "
                            + earlier.dueBy() + " but \"" + sources.get(i) + "\" concluded " + d.dueBy());
                }
                dueBy.putIfAbsent(d.code(), sources.get(i));
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
        List<RequiredAction> dated = new ArrayList<>(actions.size());
        for (RequiredAction action : actions) {
            ActionDue d = due.remove(action.code());
            dated.add(d == null ? action : action.withDueBy(d.dueBy()));
        }
        if (!due.isEmpty()) {
            String code = due.keySet().iterator().next();
            throw new RuleConflictException("\"" + dueBy.get(code) + "\" gives a due date to " + code + ", which no rule requires");
        }
        Listing listing = single(conclusions, sources, Listing.class, l -> l, null, "MARAC listing");
        HearingType hearing = single(conclusions, sources, Hearing.class, Hearing::type, HearingType.NONE, "hearing");
        LeadForum lead = single(conclusions, sources, Lead.class, Lead::forum, LeadForum.NONE, "lead");
        SharingBasis sharing = single(conclusions, sources, InformationSharing.class, InformationSharing::basis,
                SharingBasis.NOT_APPLICABLE, "information sharing basis");
        Integer category = single(conclusions, sources, MappaCategory.class, MappaCategory::category, null, "MAPPA category");
        Integer level = single(conclusions, sources, MappaLevel.class, MappaLevel::level, null, "MAPPA level");
        return new Decision(ruleset.id(), ruleset.sha256(), refer, List.copyOf(grounds), repeat, hearing, lead, sharing,
                new MappaOutcome(eligible, category, level, leads),
                dated, fired, List.copyOf(unmet), List.copyOf(warnings), listing);
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
