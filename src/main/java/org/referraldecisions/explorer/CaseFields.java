package org.referraldecisions.explorer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.referraldecisions.decision.facts.DashQuestion;
import org.referraldecisions.decision.facts.IncidentType;
import org.referraldecisions.decision.facts.JudgementGround;
import org.referraldecisions.decision.facts.ManagingAgency;
import org.referraldecisions.decision.facts.Relationship;
import org.referraldecisions.decision.facts.RiskOfSeriousHarm;
import org.referraldecisions.service.FieldError;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "try a case" form: each input is named by the request's own field path ({@code victim.age},
 * {@code dash.answers.threats_to_kill}, {@code policeIncidents[2].date}), so the form turns into the JSON request the
 * API takes and the request reader's errors land beside the inputs they name. Empty inputs are left out of the
 * request; a number that is not one is sent as text, for the reader to refuse as the API would.
 */
final class CaseFields {

    public enum Kind { TEXT, LONG_TEXT, DATE, NUMBER, YES_NO, CHOICE, CHOICES }

    /** One input: the request field it fills, its label, how it is entered, its choices, a hint. */
    public record Field(String name, String label, Kind kind, List<String> choices, String hint) {

        String id() {
            return inputId(name);
        }
    }

    /** A group of inputs shown together; {@code prefix} is the request object they fill (errors naming it are shown on the group). */
    public record Section(String title, String prefix, List<Field> fields) {
    }

    static final String DASH_PREFIX = "dash.answers.";
    static final String INCIDENTS = "policeIncidents";
    private static final Pattern INCIDENT = Pattern.compile("policeIncidents\\[(\\d+)]\\.date");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<Section> SECTIONS = List.of(
            new Section("The case", "", List.of(
                    field("caseRef", "Case reference", Kind.TEXT, "your system's pseudonymous reference: no names"),
                    field("area", "Area", Kind.TEXT, "lower case, e.g. cleveland"),
                    field("asOf", "Decide as of", Kind.DATE, "YYYY-MM-DD; empty: today"),
                    field("rulesetVersion", "Rule set version", Kind.TEXT, "e.g. 2017-10; empty: the version in force on that date"))),
            new Section("Victim", "victim", List.of(
                    field("victim.age", "Victim's age", Kind.NUMBER, "years"),
                    choice("victim.relationship", "Relationship to the perpetrator", Relationship.values()),
                    field("victim.childrenInHousehold", "Children in the household", Kind.NUMBER, null))),
            new Section("Perpetrator", "perpetrator", List.of(
                    field("perpetrator.age", "Perpetrator's age", Kind.NUMBER, "years"))),
            new Section("Professional judgement", "professionalJudgement", List.of(
                    field("professionalJudgement.concerned", "Professional-judgement concern", Kind.YES_NO, null),
                    choices("professionalJudgement.grounds", "Grounds for the concern", JudgementGround.values()),
                    field("professionalJudgement.rationale", "Rationale", Kind.LONG_TEXT, "required when there is a concern"))),
            new Section("Previous MARAC referral", "previousMaracReferral", List.of(
                    field("previousMaracReferral.date", "Date of the previous referral", Kind.DATE, "YYYY-MM-DD"),
                    field("previousMaracReferral.area", "Area of the previous referral", Kind.TEXT, "empty: this area"))),
            new Section("Current incident", "currentIncident", List.of(
                    field("currentIncident.date", "Date of the current incident", Kind.DATE, "YYYY-MM-DD"),
                    choices("currentIncident.types", "What happened", IncidentType.values()))),
            new Section("Context", "context", List.of(
                    field("context.honourBasedViolence", "Honour-based violence", Kind.YES_NO, null),
                    field("context.forcedMarriage", "Forced marriage", Kind.YES_NO, null),
                    field("context.femaleGenitalMutilation", "Female genital mutilation", Kind.YES_NO, null))),
            new Section("Consent", "consent", List.of(
                    field("consent.victimAware", "Victim aware of the referral", Kind.YES_NO, null),
                    field("consent.consentGiven", "Victim consents to sharing", Kind.YES_NO, null),
                    field("consent.significantConcern", "Significant concern (sharing without consent)", Kind.YES_NO, null))),
            new Section("Urgency", "urgency", List.of(
                    field("urgency.significantRiskOfHarm", "Significant risk of harm", Kind.YES_NO, null),
                    field("urgency.escalatingAbuse", "Escalating abuse", Kind.YES_NO, null),
                    field("urgency.possibleHomicide", "Possible homicide", Kind.YES_NO, null),
                    field("urgency.riskToChildren", "Risk to children", Kind.YES_NO, null))),
            new Section("Offender", "offender", List.of(
                    field("offender.registeredSexOffender", "Registered sex offender", Kind.YES_NO, null),
                    field("offender.relevantViolentOrSexualConviction", "Relevant violent or sexual conviction", Kind.YES_NO, null),
                    field("offender.custodialSentenceMonths", "Custodial sentence", Kind.NUMBER, "months"),
                    field("offender.hospitalOrGuardianshipOrder", "Hospital or guardianship order", Kind.YES_NO, null),
                    field("offender.convictionOrCaution", "Conviction or caution", Kind.YES_NO, null),
                    field("offender.underStatutorySupervision", "Under statutory supervision", Kind.YES_NO, null),
                    choice("offender.riskOfSeriousHarm", "Risk of serious harm", RiskOfSeriousHarm.values()),
                    field("offender.mappaLevel", "Current MAPPA level", Kind.NUMBER, "0 to 3"),
                    choice("offender.managingAgency", "Managing agency", ManagingAgency.values()))),
            new Section("MAPPA screening", "mappaScreening", List.of(
                    field("mappaScreening.agenciesNeeded", "Agencies needed", Kind.NUMBER, null),
                    field("mappaScreening.policeAndProbationInvolved", "Police and probation involved", Kind.YES_NO, null),
                    field("mappaScreening.currentActiveRisk", "Current active risk", Kind.YES_NO, null),
                    field("mappaScreening.addsValue", "MAPPA adds value", Kind.YES_NO, null),
                    field("mappaScreening.mediaOrPublicInterest", "Media or public interest", Kind.YES_NO, null),
                    field("mappaScreening.seniorResourcesNeeded", "Senior resources needed", Kind.YES_NO, null))),
            new Section("MARAC plan", "", List.of(
                    field("maracPlanInsufficient", "The MARAC plan is not enough (MAPPA may lead)", Kind.YES_NO, null))));

    /** The dash section's one question that is not an answer. */
    static final Field DASH_RECENT = field("dash.riskWithinLastThreeMonths", "The risk arose within the last three months", Kind.YES_NO, null);

    /** The 27 DASH questions in the checklist's order, as {@code id -> label}. */
    static final Map<String, String> DASH_QUESTIONS = new LinkedHashMap<>();

    static {
        java.util.Properties wording = new java.util.Properties();
        try (var in = CaseFields.class.getResourceAsStream("/templates/explorer/dash-questions.properties")) {
            if (in != null) {
                wording.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (DashQuestion q : DashQuestion.values()) {
            // The id itself (threats_to_kill) stays visible: it is what the API and the golden cases use.
            DASH_QUESTIONS.put(q.id(), wording.getProperty(q.id(), humanize(q.id())));
        }
    }

    private CaseFields() {
    }

    /** The request the form's values make. */
    static ObjectNode toRequest(MultiValueMap<String, String> form) {
        ObjectNode root = NODES.objectNode();
        for (Section section : SECTIONS) {
            for (Field field : section.fields()) {
                JsonNode value = value(field, form.getOrDefault(field.name(), List.of()));
                if (value != null) {
                    put(root, field.name(), value);
                }
            }
        }
        JsonNode recent = value(DASH_RECENT, form.getOrDefault(DASH_RECENT.name(), List.of()));
        if (recent != null) {
            put(root, DASH_RECENT.name(), recent);
        }
        for (String id : DASH_QUESTIONS.keySet()) {
            String answer = first(form, DASH_PREFIX + id);
            if (answer != null) {
                put(root, DASH_PREFIX + id, NODES.stringNode(answer));
            }
        }
        Map<Integer, String> incidents = new TreeMap<>();
        form.forEach((name, values) -> {
            Matcher m = INCIDENT.matcher(name);
            String date = first(form, name);
            if (m.matches() && date != null && m.group(1).length() < 6) {
                incidents.put(Integer.parseInt(m.group(1)), date);
            }
        });
        if (!incidents.isEmpty()) {
            ArrayNode list = root.putArray(INCIDENTS);
            incidents.values().forEach(date -> list.addObject().put("date", date));
        }
        return root;
    }

    /** The form's values for a request (a golden case's, a logged one, or one the form made): the inverse of {@link #toRequest}. */
    static MultiValueMap<String, String> toForm(JsonNode request) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        flatten("", request, form);
        return form;
    }

    /**
     * Each error under the input it names: an error on an entry of a list of choices goes to the list's input, one on a
     * whole object ({@code victim}: is required) to its section. Errors naming nothing on the form are under "".
     */
    static Map<String, List<String>> byInput(List<FieldError> errors) {
        Map<String, List<String>> byInput = new LinkedHashMap<>();
        for (FieldError error : errors) {
            byInput.computeIfAbsent(inputFor(error.field()), k -> new ArrayList<>()).add(error.message());
        }
        return byInput;
    }

    static String inputFor(String path) {
        if (path.startsWith(DASH_PREFIX) || INCIDENT.matcher(path).matches() || known(path)) {
            return path;
        }
        String stripped = path.replaceAll("\\[\\d+]$", "");
        if (known(stripped)) {
            return stripped;
        }
        if (path.startsWith(INCIDENTS)) {
            return INCIDENTS;
        }
        for (Section section : SECTIONS) {
            if (!section.prefix().isEmpty() && (path.equals(section.prefix()) || path.startsWith(section.prefix() + "."))) {
                return section.prefix();
            }
        }
        return path.equals("dash") || path.startsWith("dash.") ? "dash" : "";
    }

    static String inputId(String name) {
        return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-");
    }

    static String humanize(String words) {
        String spaced = words.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static boolean known(String path) {
        return path.equals(DASH_RECENT.name()) || SECTIONS.stream().flatMap(s -> s.fields().stream()).anyMatch(f -> f.name().equals(path));
    }

    private static JsonNode value(Field field, List<String> raw) {
        List<String> given = raw.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (given.isEmpty()) {
            return null;
        }
        String text = field.kind() == Kind.LONG_TEXT ? given.get(0) : given.get(0).trim();
        return switch (field.kind()) {
            case NUMBER -> text.matches("-?\\d{1,9}") ? NODES.numberNode(Integer.parseInt(text)) : NODES.stringNode(text);
            case YES_NO -> text.equals("true") || text.equals("false") ? NODES.booleanNode(Boolean.parseBoolean(text)) : NODES.stringNode(text);
            case CHOICES -> {
                ArrayNode list = NODES.arrayNode();
                given.forEach(v -> list.add(v.trim()));
                yield list;
            }
            default -> NODES.stringNode(text);
        };
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        String[] steps = path.startsWith(DASH_PREFIX)
                ? new String[] {"dash", "answers", path.substring(DASH_PREFIX.length())} : path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = at.get(steps[i]);
            at = next instanceof ObjectNode object ? object : at.putObject(steps[i]);
        }
        at.set(steps[steps.length - 1], value);
    }

    private static void flatten(String path, JsonNode node, MultiValueMap<String, String> form) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                flatten(path.isEmpty() ? name : path + "." + name, node.get(name), form);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                if (entry.isObject()) {
                    flatten(path + "[" + i + "]", entry, form);
                } else if (!entry.isNull()) {
                    form.add(path, entry.asString());
                }
            }
        } else {
            form.add(path, node.asString());
        }
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Field field(String name, String label, Kind kind, String hint) {
        return new Field(name, label, kind, List.of(), hint);
    }

    private static Field choice(String name, String label, Enum<?>[] values) {
        return new Field(name, label, Kind.CHOICE, Arrays.stream(values).map(Enum::name).toList(), null);
    }

    private static Field choices(String name, String label, Enum<?>[] values) {
        return new Field(name, label, Kind.CHOICES, Arrays.stream(values).map(Enum::name).toList(), null);
    }
}
