package org.referraldecisions.decision;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        Set<MaracGround> grounds = EnumSet.noneOf(MaracGround.class);
        Set<RequiredAction> actions = new LinkedHashSet<>();
        Set<UnmetCriterion> unmet = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        Map<String, ActionDue> due = new LinkedHashMap<>();
        Map<String, String> dueBy = new HashMap<>();
        Single<Listing> listing = new Single<>("MARAC listing");
        Single<HearingType> hearing = new Single<>("hearing");
        Single<LeadForum> lead = new Single<>("lead");
        Single<SharingBasis> sharing = new Single<>("information sharing basis");
        Single<Integer> category = new Single<>("MAPPA category");
        Single<Integer> level = new Single<>("MAPPA level");
        boolean refer = false;
        boolean repeat = false;
        boolean eligible = false;
        boolean leads = false;
        // One pass over the conclusions in canonical order. A disagreement on a single-valued conclusion is
        // remembered where it is first seen and reported after the pass, in a fixed order of conclusions.
        for (TraceListener.Firing firing : firings) {
            String source = firing.rule().name();
            fired.add(new FiredRule(source, firing.rule().ruleset(), firing.rule().citations(), firing.rule().explanation()));
            for (Object conclusion : firing.conclusions()) {
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
                                + earlier.dueBy() + " but \"" + source + "\" concluded " + d.dueBy());
                    }
                    dueBy.putIfAbsent(d.code(), source);
                } else if (conclusion instanceof Warning w) {
                    warnings.add(w.text());
                } else if (conclusion instanceof MaracReferral) {
                    refer = true;
                } else if (conclusion instanceof RepeatCase) {
                    repeat = true;
                } else if (conclusion instanceof MappaEligible) {
                    eligible = true;
                } else if (conclusion instanceof MappaCategory c) {
                    eligible = true;
                    category.concluded(c.category(), source);
                } else if (conclusion instanceof MappaLeads) {
                    leads = true;
                } else if (conclusion instanceof Listing l) {
                    listing.concluded(l, source);
                } else if (conclusion instanceof Hearing h) {
                    hearing.concluded(h.type(), source);
                } else if (conclusion instanceof Lead l) {
                    lead.concluded(l.forum(), source);
                } else if (conclusion instanceof InformationSharing i) {
                    sharing.concluded(i.basis(), source);
                } else if (conclusion instanceof MappaLevel l) {
                    level.concluded(l.level(), source);
                }
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
        // Disagreements are reported in this order, so read the values in it.
        Listing listed = listing.value(null);
        HearingType heard = hearing.value(HearingType.NONE);
        LeadForum leadBy = lead.value(LeadForum.NONE);
        SharingBasis basis = sharing.value(SharingBasis.NOT_APPLICABLE);
        Integer mappaCategory = category.value(null);
        Integer mappaLevel = level.value(null);
        return new Decision(ruleset.id(), ruleset.sha256(), refer, List.copyOf(grounds), repeat, heard, leadBy, basis,
                new MappaOutcome(eligible, mappaCategory, mappaLevel, leads),
                dated, fired, List.copyOf(unmet), List.copyOf(warnings), listed);
    }

    /** A conclusion that must have one value; two rules concluding different values is a rule-set defect. */
    private static final class Single<V> {
        private final String what;
        private V found;
        private String foundBy;
        private RuleConflictException conflict;

        Single(String what) {
            this.what = what;
        }

        void concluded(V v, String by) {
            if (found != null && !found.equals(v)) {
                if (conflict == null) {
                    conflict = new RuleConflictException("rules disagree on the " + what + ": \"" + foundBy + "\" concluded "
                            + found + " but \"" + by + "\" concluded " + v);
                }
                return;
            }
            found = v;
            foundBy = by;
        }

        V value(V absent) {
            if (conflict != null) {
                throw conflict;
            }
            return found == null ? absent : found;
        }
    }
}
