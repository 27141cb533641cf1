package org.referraldecisions.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.referraldecisions.service.DecisionResponseV1;

/**
 * Every difference between two decisions of one request: each outcome field, the actions, warnings and fired
 * rules added or removed, and each unmet criterion whose figures changed. Each change also says, in a few
 * words, what kind of change it is, so that a revision's changes can be counted by kind.
 */
final class DecisionDiff {

    /** The outcome fields compared, in the order they are reported. */
    private static final Map<String, Function<DecisionResponseV1, Object>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("marac.refer", d -> d.marac().refer());
        FIELDS.put("marac.grounds", d -> d.marac().grounds());
        FIELDS.put("marac.repeat", d -> d.marac().repeat());
        FIELDS.put("marac.hearing", d -> d.marac().hearing());
        FIELDS.put("marac.lead", d -> d.marac().lead());
        FIELDS.put("marac.listing.meetingDate", d -> d.marac().listing() == null ? null : d.marac().listing().meetingDate());
        FIELDS.put("marac.listing.referralDeadline", d -> d.marac().listing() == null ? null : d.marac().listing().referralDeadline());
        FIELDS.put("marac.listing.late", d -> d.marac().listing() == null ? null : d.marac().listing().late());
        FIELDS.put("marac.listing.emergencyDeadline", d -> d.marac().listing() == null ? null : d.marac().listing().emergencyDeadline());
        FIELDS.put("informationSharing.basis", d -> d.informationSharing().basis());
        FIELDS.put("mappa.eligible", d -> d.mappa().eligible());
        FIELDS.put("mappa.category", d -> d.mappa().category());
        FIELDS.put("mappa.recommendedLevel", d -> d.mappa().recommendedLevel());
        FIELDS.put("mappa.leads", d -> d.mappa().leads());
    }

    private DecisionDiff() {
    }

    static List<ImpactAnalysis.Change> between(DecisionResponseV1 before, DecisionResponseV1 after) {
        List<ImpactAnalysis.Change> changes = new ArrayList<>();
        FIELDS.forEach((field, value) -> {
            Object a = value.apply(before);
            Object b = value.apply(after);
            if (!Objects.equals(a, b)) {
                // A case newly referred (or no longer) is counted as that, not again for its grounds.
                boolean referChanged = before.marac().refer() != after.marac().refer();
                changes.add(new ImpactAnalysis.Change(field, String.valueOf(a), String.valueOf(b), null, null,
                        field.equals("marac.grounds") && referChanged ? List.of() : List.of(kind(field, before, after))));
            }
        });
        added(changes, "actions", codes(before), codes(after), "gain action ", "lose action ");
        added(changes, "actions.dueBy", due(before, codes(after)), due(after, codes(before)), "due date now: ", "due date was: ");
        unmet(changes, before, after);
        added(changes, "warnings", new LinkedHashSet<>(before.warnings()), new LinkedHashSet<>(after.warnings()), "new warning: ", "warning gone: ");
        added(changes, "firedRules", rules(before), rules(after), "rule now fires: ", "rule no longer fires: ");
        return changes;
    }

    private static String kind(String field, DecisionResponseV1 before, DecisionResponseV1 after) {
        return switch (field) {
            case "marac.refer" -> after.marac().refer()
                    ? "newly referred on " + String.join(" + ", after.marac().grounds().stream().map(Enum::name).toList())
                    : "no longer referred";
            case "marac.grounds" -> "grounds " + before.marac().grounds() + " -> " + after.marac().grounds();
            // Dates differ case by case; the kind counts how many cases are listed differently, not each date.
            case "marac.listing.meetingDate", "marac.listing.referralDeadline", "marac.listing.emergencyDeadline" -> field + " changes";
            default -> field + " " + FIELDS.get(field).apply(before) + " -> " + FIELDS.get(field).apply(after);
        };
    }

    private static void added(List<ImpactAnalysis.Change> changes, String field, Set<String> before, Set<String> after, String gain, String lose) {
        List<String> added = after.stream().filter(x -> !before.contains(x)).toList();
        List<String> removed = before.stream().filter(x -> !after.contains(x)).toList();
        if (!added.isEmpty() || !removed.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            added.forEach(x -> kinds.add(gain + x));
            removed.forEach(x -> kinds.add(lose + x));
            changes.add(ImpactAnalysis.Change.set(field, added, removed, kinds));
        }
    }

    /** "CODE by DATE" for each dated action also required on the other side (a gained or lost action is reported as such). */
    private static Set<String> due(DecisionResponseV1 d, Set<String> otherCodes) {
        Set<String> due = new LinkedHashSet<>();
        d.actions().stream().filter(a -> a.dueBy() != null && otherCodes.contains(a.code()))
                .forEach(a -> due.add(a.code() + " by " + a.dueBy()));
        return due;
    }

    private static void unmet(List<ImpactAnalysis.Change> changes, DecisionResponseV1 before, DecisionResponseV1 after) {
        Map<String, String> a = unmetByCriterion(before);
        Map<String, String> b = unmetByCriterion(after);
        Set<String> criteria = new LinkedHashSet<>(a.keySet());
        criteria.addAll(b.keySet());
        for (String criterion : criteria) {
            String from = a.get(criterion);
            String to = b.get(criterion);
            if (!Objects.equals(from, to)) {
                String kind = from == null ? "newly unmet: " + criterion : to == null ? "now met: " + criterion : "unmet " + criterion + ": figures change";
                changes.add(ImpactAnalysis.Change.value("unmetCriteria." + criterion, from == null ? "met" : from, to == null ? "met" : to, kind));
            }
        }
    }

    private static Map<String, String> unmetByCriterion(DecisionResponseV1 d) {
        Map<String, String> byCriterion = new LinkedHashMap<>();
        d.unmetCriteria().forEach(u -> byCriterion.merge(u.criterion(), u.explanation(), (x, y) -> x + "; " + y));
        return byCriterion;
    }

    private static Set<String> codes(DecisionResponseV1 d) {
        Set<String> codes = new LinkedHashSet<>();
        d.actions().forEach(a -> codes.add(a.code()));
        return codes;
    }

    private static Set<String> rules(DecisionResponseV1 d) {
        Set<String> rules = new LinkedHashSet<>();
        d.firedRules().forEach(r -> rules.add(r.rule()));
        return rules;
    }
}
