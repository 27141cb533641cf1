package org.referraldecisions.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decision requests made up from the contract (docs: DESIGN.md "HTTP contract, version 1"), valid ones and
 * mutated ones, from a seed: the same seed always gives the same request. Plain JDK only, so the CI fuzz run
 * ({@link HttpFuzz}) can run it from {@code target/test-classes} with nothing else on the class path.
 */
public final class RequestGenerator {

    public static final String[] AREAS = {"cleveland", "warwickshire", "lincolnshire", "lancashire"};
    /** The first date each area has rules in force for (rules/AREA/VERSION/ruleset.yaml effectiveFrom). */
    static final LocalDate[] AREA_FROM = {LocalDate.of(2017, 10, 1), LocalDate.of(2017, 1, 1), LocalDate.of(2017, 1, 1), LocalDate.of(2019, 12, 1)};
    static final LocalDate LATEST = LocalDate.of(2026, 6, 15);
    public static final String[] DASH_IDS = {"current_injury", "very_frightened", "afraid_of_further_harm", "isolated", "depressed_or_suicidal",
            "separation", "child_contact_conflict", "stalking_harassment", "pregnancy_or_new_baby", "children_or_dependants_in_household",
            "hurt_children_or_dependants", "threatened_children_or_dependants", "abuse_more_often", "abuse_getting_worse", "controlling_or_jealous",
            "weapons_used", "threats_to_kill", "strangulation", "sexual_abuse", "other_person_threatening", "hurt_anyone_else", "animal_abuse",
            "financial_issues", "substance_or_mental_health", "perpetrator_suicide_threats", "breached_bail_or_order", "criminal_history"};
    static final String[] RELATIONSHIPS = {"CURRENT_PARTNER", "EX_PARTNER", "FAMILY_MEMBER", "OTHER"};
    static final String[] ANSWERS = {"YES", "NO", "DONT_KNOW"};
    static final String[] GROUNDS = {"ESCALATION", "FREQUENCY", "LACK_OF_PROTECTIVE_FACTORS", "EXTREME_FEAR", "BARRIERS_TO_DISCLOSURE", "OTHER"};
    static final String[] INCIDENT_TYPES = {"VIOLENCE_OR_THREATS", "STALKING_OR_HARASSMENT_PATTERN", "RAPE_OR_SEXUAL_ABUSE", "OTHER"};
    static final String[] RISK = {"LOW", "MEDIUM", "HIGH", "VERY_HIGH"};
    static final String[] AGENCIES = {"POLICE", "PROBATION", "YOS", "MENTAL_HEALTH", "NONE"};

    /** The kinds of mutation; {@link #mutate} returns the field it broke, or {@code null} when it cannot be known (broken JSON). */
    public enum Mutation {
        UNKNOWN_FIELD, WRONG_TYPE, OUT_OF_RANGE, BAD_DATE, BAD_ENUM, NULL_REQUIRED, BAD_CASE_REF, CONTRADICTORY_CONSENT, CONCERNED_WITHOUT_RATIONALE,
        UNKNOWN_DASH_ID, TRUNCATED, OVERLONG_UTF8
    }

    /** A request body and, for an invalid one, the field path an error must name ({@code null}: valid, or no field can be known). */
    public record Sample(byte[] body, String field, Mutation mutation) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RequestGenerator() {
    }

    public static Sample valid(long seed) {
        Random r = new Random(seed);
        return new Sample(json(validTree(r, "FZ-" + Long.toHexString(seed))).getBytes(StandardCharsets.UTF_8), null, null);
    }

    public static Sample invalid(long seed) {
        Random r = new Random(seed);
        Mutation m = Mutation.values()[r.nextInt(Mutation.values().length)];
        return mutate(r, validTree(r, "FZ-" + Long.toHexString(seed)), m);
    }

    public static Sample invalid(long seed, Mutation m) {
        Random r = new Random(seed);
        return mutate(r, validTree(r, "FZ-" + Long.toHexString(seed)), m);
    }

    /** A request the contract accepts. */
    public static Map<String, Object> validTree(Random r, String caseRef) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("caseRef", caseRef);
        int a = r.nextInt(AREAS.length);
        t.put("area", AREAS[a]);
        LocalDate asOf = between(r, AREA_FROM[a], LATEST);
        t.put("asOf", asOf.toString());
        // victim.age, victim.relationship and perpetrator.age are required
        Map<String, Object> victim = map("age", r.nextInt(121), "relationship", pick(r, RELATIONSHIPS));
        if (r.nextBoolean()) victim.put("childrenInHousehold", r.nextInt(6));
        t.put("victim", victim);
        t.put("perpetrator", map("age", r.nextInt(121)));
        if (r.nextInt(4) > 0) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (String id : DASH_IDS) {
                if (r.nextInt(4) > 0) answers.put(id, pick(r, ANSWERS));
            }
            Map<String, Object> dash = map("answers", answers);
            if (r.nextBoolean()) dash.put("riskWithinLastThreeMonths", r.nextBoolean());
            t.put("dash", dash);
        }
        if (r.nextBoolean()) {
            List<Object> incidents = new ArrayList<>();
            for (int i = r.nextInt(8); i > 0; i--) incidents.add(map("date", between(r, asOf.minusYears(3), asOf).toString()));
            t.put("policeIncidents", incidents);
        }
        if (r.nextInt(3) == 0) {
            boolean concerned = r.nextBoolean();
            Map<String, Object> pj = map("concerned", concerned);
            List<Object> grounds = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) grounds.add(pick(r, GROUNDS));
            pj.put("grounds", grounds);
            if (concerned || r.nextBoolean()) pj.put("rationale", "fuzz rationale " + r.nextInt(1000) + " — é ü ✓");
            t.put("professionalJudgement", pj);
        }
        if (r.nextInt(4) == 0) t.put("previousMaracReferral", map("date", between(r, asOf.minusYears(2), asOf).toString(), "area", pick(r, AREAS)));
        if (r.nextInt(3) == 0) {
            List<Object> types = new ArrayList<>();
            for (int i = 1 + r.nextInt(3); i > 0; i--) types.add(pick(r, INCIDENT_TYPES));
            t.put("currentIncident", map("date", between(r, asOf.minusDays(30), asOf).toString(), "types", types));
        }
        if (r.nextInt(4) == 0) t.put("context", map("honourBasedViolence", r.nextBoolean(), "forcedMarriage", r.nextBoolean(), "femaleGenitalMutilation", r.nextBoolean()));
        if (r.nextInt(3) > 0) {
            boolean aware = r.nextBoolean();
            t.put("consent", map("victimAware", aware, "consentGiven", aware && r.nextBoolean(), "significantConcern", r.nextBoolean()));
        }
        if (r.nextInt(3) == 0) t.put("urgency", map("significantRiskOfHarm", r.nextBoolean(), "escalatingAbuse", r.nextBoolean(),
                "possibleHomicide", r.nextBoolean(), "riskToChildren", r.nextBoolean()));
        if (r.nextInt(3) == 0) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("registeredSexOffender", maybeNull(r, r.nextBoolean()));
            o.put("relevantViolentOrSexualConviction", maybeNull(r, r.nextBoolean()));
            o.put("custodialSentenceMonths", maybeNull(r, r.nextInt(60)));
            o.put("hospitalOrGuardianshipOrder", maybeNull(r, r.nextBoolean()));
            o.put("convictionOrCaution", maybeNull(r, r.nextBoolean()));
            o.put("underStatutorySupervision", maybeNull(r, r.nextBoolean()));
            o.put("riskOfSeriousHarm", maybeNull(r, pick(r, RISK)));
            o.put("mappaLevel", maybeNull(r, r.nextInt(4)));
            o.put("managingAgency", maybeNull(r, pick(r, AGENCIES)));
            t.put("offender", o);
        }
        if (r.nextInt(4) == 0) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("agenciesNeeded", maybeNull(r, r.nextInt(5)));
            for (String f : new String[] {"policeAndProbationInvolved", "currentActiveRisk", "addsValue", "mediaOrPublicInterest", "seniorResourcesNeeded"}) {
                s.put(f, maybeNull(r, r.nextBoolean()));
            }
            t.put("mappaScreening", s);
        }
        if (r.nextInt(5) == 0) t.put("maracPlanInsufficient", r.nextBoolean());
        return t;
    }

    @SuppressWarnings("unchecked")
    static Sample mutate(Random r, Map<String, Object> t, Mutation m) {
        String field;
        switch (m) {
            case UNKNOWN_FIELD -> {
                String name = "zz" + Integer.toString(r.nextInt(1 << 20), 36);
                if (r.nextBoolean()) {
                    t.put(name, r.nextBoolean() ? 1 : "x");
                    field = name;
                } else {
                    Map<String, Object> victim = (Map<String, Object>) t.computeIfAbsent("victim", k -> new LinkedHashMap<>());
                    victim.put(name, List.of(1, 2));
                    field = "victim." + name;
                }
            }
            case WRONG_TYPE -> {
                switch (r.nextInt(6)) {
                    case 0 -> { t.put("area", r.nextInt(100)); field = "area"; }
                    case 1 -> { victim(t).put("age", pick(r, new Object[] {"thirty", true, List.of(3), map("n", 1), 30.5})); field = "victim.age"; }
                    case 2 -> { t.put("policeIncidents", "2025-01-01"); field = "policeIncidents"; }
                    case 3 -> { t.put("dash", map("answers", List.of("YES"))); field = "dash.answers"; }
                    case 4 -> { t.put("consent", map("victimAware", "yes")); field = "consent.victimAware"; }
                    default -> { t.put("caseRef", 12345); field = "caseRef"; }
                }
            }
            case OUT_OF_RANGE -> {
                switch (r.nextInt(4)) {
                    case 0 -> { victim(t).put("age", r.nextBoolean() ? 121 + r.nextInt(100_000) : -1 - r.nextInt(1000)); field = "victim.age"; }
                    case 1 -> { victim(t).put("childrenInHousehold", -1 - r.nextInt(50)); field = "victim.childrenInHousehold"; }
                    case 2 -> { t.put("perpetrator", map("age", r.nextBoolean() ? 1L << 40 : 500)); field = "perpetrator.age"; }
                    default -> { t.put("offender", map("mappaLevel", 4 + r.nextInt(100))); field = "offender.mappaLevel"; }
                }
            }
            case BAD_DATE -> {
                String bad = pick(r, new String[] {"2026-13-40", "9999-12-31", "1899-12-31", "yesterday", "2025-02-30", "15/03/2026", "", "+2026-01-01"});
                if (r.nextBoolean()) {
                    t.put("asOf", bad);
                    field = "asOf";
                } else {
                    t.put("policeIncidents", List.of(map("date", t.get("asOf")), map("date", bad)));
                    field = "policeIncidents[1].date";
                }
            }
            case BAD_ENUM -> {
                switch (r.nextInt(4)) {
                    case 0 -> { victim(t).put("relationship", "SPOUSE"); field = "victim.relationship"; }
                    case 1 -> { t.put("dash", map("answers", map("threats_to_kill", "MAYBE"))); field = "dash.answers.threats_to_kill"; }
                    case 2 -> { t.put("professionalJudgement", map("concerned", false, "grounds", List.of("ESCALATION", "NOPE"))); field = "professionalJudgement.grounds[1]"; }
                    default -> { t.put("offender", map("riskOfSeriousHarm", "extreme")); field = "offender.riskOfSeriousHarm"; }
                }
            }
            case NULL_REQUIRED -> {
                field = pick(r, new String[] {"caseRef", "area", "asOf"});
                t.put(field, null);
            }
            case BAD_CASE_REF -> {
                t.put("caseRef", pick(r, new String[] {"", "has space", "x".repeat(65), "semi;colon", "ümlaut", "../../etc"}));
                field = "caseRef";
            }
            case CONTRADICTORY_CONSENT -> {
                t.put("consent", map("victimAware", false, "consentGiven", true, "significantConcern", r.nextBoolean()));
                field = "consent.consentGiven";
            }
            case CONCERNED_WITHOUT_RATIONALE -> {
                t.put("professionalJudgement", r.nextBoolean() ? map("concerned", true, "grounds", List.of("OTHER")) : map("concerned", true, "rationale", "  "));
                field = "professionalJudgement.rationale";
            }
            case UNKNOWN_DASH_ID -> {
                t.put("dash", map("answers", map("not_a_question", "YES")));
                field = "dash.answers.not_a_question";
            }
            case TRUNCATED -> {
                byte[] whole = json(t).getBytes(StandardCharsets.UTF_8);
                return new Sample(Arrays.copyOf(whole, r.nextInt(whole.length - 1)), null, m);
            }
            case OVERLONG_UTF8 -> {
                // "FZ-…" then C0 AF (an overlong "/") inside the caseRef string.
                byte[] whole = json(t).getBytes(StandardCharsets.UTF_8);
                int at = new String(whole, StandardCharsets.UTF_8).indexOf("\"FZ-") + 2;
                byte[] out = new byte[whole.length + 2];
                System.arraycopy(whole, 0, out, 0, at);
                out[at] = (byte) 0xC0;
                out[at + 1] = (byte) 0xAF;
                System.arraycopy(whole, at, out, at + 2, whole.length - at);
                return new Sample(out, null, m);
            }
            default -> throw new IllegalStateException(m.toString());
        }
        return new Sample(json(t).getBytes(StandardCharsets.UTF_8), field, m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> victim(Map<String, Object> t) {
        return (Map<String, Object>) t.computeIfAbsent("victim", k -> new LinkedHashMap<>());
    }

    private static LocalDate between(Random r, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(days <= 0 ? 0 : (long) r.nextInt((int) days + 1));
    }

    private static Object maybeNull(Random r, Object value) {
        return r.nextInt(4) == 0 ? null : value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** JSON text of maps, lists, strings, numbers, booleans and nulls. */
    public static String json(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                    }
                }
            }
            b.append('"');
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) b.append(',');
                first = false;
                write(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                write(b, l.get(i));
            }
            b.append(']');
        } else {
            b.append(v);
        }
    }
}
