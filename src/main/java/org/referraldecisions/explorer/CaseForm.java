package org.referraldecisions.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.referraldecisions.decision.facts.DashQuestion;
import org.referraldecisions.decision.facts.IncidentType;
import org.referraldecisions.decision.facts.JudgementGround;
import org.referraldecisions.decision.facts.ManagingAgency;
import org.referraldecisions.decision.facts.Relationship;
import org.referraldecisions.decision.facts.RiskOfSeriousHarm;

/**
 * What the "try a case" form asks, in the order a referrer thinks of it: each input named by the request field it
 * fills ({@code victim.age}), its label and how it is entered; the 27 DASH questions in the checklist's order, worded
 * as the Cleveland referral form asks them. {@link CaseFields} turns the answers into a request and back.
 */
final class CaseForm {

    public enum Kind { TEXT, LONG_TEXT, DATE, NUMBER, YES_NO, CHOICE, CHOICES }

    /** One input: the request field it fills, its label, how it is entered, its choices, a hint. */
    public record Field(String name, String label, Kind kind, List<String> choices, String hint) {
    }

    /** A group of inputs shown together; {@code prefix} is the request object they fill (errors naming it are shown on the group). */
    public record Section(String title, String prefix, List<Field> fields) {
    }

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
        Properties wording = new Properties();
        try (InputStream in = CaseForm.class.getResourceAsStream("/templates/explorer/dash-questions.properties")) {
            if (in != null) {
                wording.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (DashQuestion q : DashQuestion.values()) {
            // The id itself (threats_to_kill) stays visible: it is what the API and the golden cases use.
            DASH_QUESTIONS.put(q.id(), wording.getProperty(q.id(), CaseFields.humanize(q.id())));
        }
    }

    private CaseForm() {
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
