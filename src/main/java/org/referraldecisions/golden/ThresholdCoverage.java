package org.referraldecisions.golden;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.referraldecisions.decision.CaseFacts;
import org.referraldecisions.decision.facts.PoliceIncident;

/**
 * Finds the numeric thresholds written in DRL (a fact field compared with a number, a count of
 * police incidents compared with a number, {@code minusMonths(n)} and {@code plusMonths(n)} windows)
 * and says whether golden cases sit on both sides of each, at the boundary: e.g. one tick below the
 * visible-high-risk count and exactly on it; an incident on the first day of a window and the day before.
 */
public final class ThresholdCoverage {

    /** One threshold in one file and the boundary values the cases reach on each side. */
    public record Threshold(String file, String expression, int meetsAt, int failsAt, Set<Integer> seen) {

        public boolean covered() {
            return seen.contains(meetsAt) && seen.contains(failsAt);
        }

        @Override
        public String toString() {
            return file + ": " + expression + " — needs cases at " + meetsAt + " (meets) and " + failsAt + " (does not)"
                    + "; cases have " + (seen.isEmpty() ? "none" : closest(seen)) + (covered() ? ": covered" : ": NOT COVERED");
        }

        private String closest(Set<Integer> values) {
            TreeSet<Integer> sorted = new TreeSet<>(values);
            List<Integer> near = new ArrayList<>();
            for (int v : sorted) {
                if (Math.abs(v - meetsAt) <= SHOWN_NEAR_BOUNDARY || Math.abs(v - failsAt) <= SHOWN_NEAR_BOUNDARY) {
                    near.add(v);
                }
            }
            return near.isEmpty() ? "only " + sorted.first() + ".." + sorted.last() : near.toString();
        }
    }

    /** How far from a boundary a case's value is still listed in the report. */
    private static final int SHOWN_NEAR_BOUNDARY = 3;
    private static final Pattern PATTERN_TYPE = Pattern.compile("\\b([A-Z][A-Za-z]+)\\s*\\(");
    private static final Pattern FIELD_THRESHOLD = Pattern.compile("(?<![.$\\w])(?<![+\\-*/]\\s)(?<![+\\-*/])([a-z][A-Za-z]*)\\s*(>=|<=|>|<|==)\\s*(\\d+)\\b");
    private static final Pattern COUNT_THRESHOLD = Pattern.compile("PoliceIncident\\(.*minusMonths\\((\\d+)\\).*count\\(\\);\\s*\\$\\w+\\s*(>=|>)\\s*(\\d+)");
    private static final Pattern WINDOW_BACK = Pattern.compile("minusMonths\\((\\d+)\\)");
    private static final Pattern WINDOW_ON = Pattern.compile("\\$last\\.plusMonths\\((\\d+)\\)");

    private ThresholdCoverage() {
    }

    /** The thresholds in these DRL files (name → text), with the values the given cases reach. */
    public static List<Threshold> check(Map<String, String> drlFiles, List<CaseFacts> cases) {
        Set<Threshold> found = new LinkedHashSet<>();
        for (Map.Entry<String, String> file : drlFiles.entrySet()) {
            String type = null;
            for (String line : file.getValue().split("\n")) {
                String code = line.replaceAll("//.*", "");
                Matcher t = PATTERN_TYPE.matcher(code);
                if (t.find()) {
                    type = t.group(1);
                }
                Matcher count = COUNT_THRESHOLD.matcher(code);
                if (count.find()) {
                    int months = Integer.parseInt(count.group(1));
                    int n = Integer.parseInt(count.group(3)) + (count.group(2).equals(">") ? 1 : 0);
                    Set<Integer> seen = new TreeSet<>();
                    cases.forEach(c -> seen.add(incidentsInWindow(c, months)));
                    found.add(new Threshold(file.getKey(), "police incidents in " + months + " months >= " + n, n, n - 1, seen));
                    continue;
                }
                Matcher back = WINDOW_BACK.matcher(code);
                if (back.find() && code.contains("PoliceIncident")) {
                    int months = Integer.parseInt(back.group(1));
                    Set<Integer> seen = new TreeSet<>();
                    cases.forEach(c -> c.policeIncidents().forEach(i -> seen.add(daysAfterWindowStart(c, i, months))));
                    found.add(new Threshold(file.getKey(), "police incident on or after " + months + " months before asOf (days after the window's first day)", 0, -1, seen));
                }
                Matcher on = WINDOW_ON.matcher(code);
                if (on.find() && code.contains("!date.isAfter")) {
                    int months = Integer.parseInt(on.group(1));
                    Set<Integer> seen = new TreeSet<>();
                    cases.forEach(c -> {
                        if (c.previousMaracReferral() != null && c.currentIncident() != null) {
                            LocalDate last = c.previousMaracReferral().date().plusMonths(months);
                            seen.add((int) ChronoUnit.DAYS.between(c.currentIncident().date(), last));
                        }
                    });
                    found.add(new Threshold(file.getKey(), "further incident within " + months + " months of the last referral (days before the window's last day)", 0, -1, seen));
                }
                Matcher m = FIELD_THRESHOLD.matcher(code);
                while (m.find() && type != null) {
                    String field = m.group(1);
                    int n = Integer.parseInt(m.group(3));
                    String op = m.group(2);
                    int meets = switch (op) { case ">" -> n + 1; case "<" -> n - 1; default -> n; };
                    int fails = switch (op) { case ">=" -> n - 1; case "<=" -> n + 1; case ">" , "==" -> n; default -> n; };
                    if (op.equals("==")) {
                        fails = n + 1;
                    }
                    Set<Integer> seen = values(cases, type, field);
                    if (seen != null) {
                        found.add(new Threshold(file.getKey(), type + "( " + field + " " + op + " " + n + " )", meets, fails, seen));
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static int incidentsInWindow(CaseFacts c, int months) {
        LocalDate start = c.asOf().date().minusMonths(months);
        return (int) c.policeIncidents().stream().filter(i -> !i.date().isBefore(start)).count();
    }

    private static int daysAfterWindowStart(CaseFacts c, PoliceIncident i, int months) {
        return (int) ChronoUnit.DAYS.between(c.asOf().date().minusMonths(months), i.date());
    }

    /** The integer values of {@code type.field} across the cases; null when no fact has such a field. */
    private static Set<Integer> values(List<CaseFacts> cases, String type, String field) {
        if (!hasIntField(type, field)) {
            return null;
        }
        Set<Integer> seen = new TreeSet<>();
        for (CaseFacts c : cases) {
            for (Object fact : c.asFacts()) {
                if (fact.getClass().getSimpleName().equals(type)) {
                    for (RecordComponent component : fact.getClass().getRecordComponents()) {
                        if (component.getName().equals(field)) {
                            try {
                                Integer value = (Integer) component.getAccessor().invoke(fact);
                                if (value != null) {
                                    seen.add(value); // an unknown figure sits on neither side
                                }
                            } catch (ReflectiveOperationException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }
            }
        }
        return seen;
    }

    private static boolean hasIntField(String type, String field) {
        try {
            Class<?> fact = Class.forName(PoliceIncident.class.getPackageName() + "." + type);
            if (!fact.isRecord()) {
                return false;
            }
            for (RecordComponent component : fact.getRecordComponents()) {
                if (component.getName().equals(field) && (component.getType() == int.class || component.getType() == Integer.class)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
