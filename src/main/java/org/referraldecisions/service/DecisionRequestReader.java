package org.referraldecisions.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.referraldecisions.decision.facts.DashQuestion;
import tools.jackson.databind.JsonNode;

/**
 * Turns a request body into a fully validated {@link DecisionRequestV1}, or an
 * {@link InvalidRequestException} naming every offending field, first in the document first. Four passes,
 * all errors kept: the JSON text ({@link JsonInput}: UTF-8, syntax, nothing trailing), structure, types and
 * sizes ({@link StrictRecordReader}, held to the {@link RequestLimits}), field constraints (Bean
 * Validation), then the checks that relate fields to each other (dates in range and not after
 * {@code asOf}, a rationale for a concern). Used by the HTTP API, the command line and the golden cases alike.
 */
public final class DecisionRequestReader {

    /** Dates in the contract are UK dates: "today" means today in Europe/London. */
    public static final ZoneId UK = ZoneId.of("Europe/London");
    /** No date in a request is earlier: an incident or referral before 1900 is a typing error, not a record. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** How far past today {@code asOf} may be: next year's rules can be tried, the year 9999's cannot. */
    public static final Period AS_OF_AHEAD = Period.ofYears(1);

    private static final Set<String> QUESTION_IDS = new HashSet<>();

    static {
        for (DashQuestion q : DashQuestion.values()) {
            QUESTION_IDS.add(q.id());
        }
    }

    private final Validator validator;
    private final Clock clock;
    private final RequestLimits limits;
    private final StrictRecordReader.Bounds bounds;

    public DecisionRequestReader(Validator validator, Clock clock) {
        this(validator, clock, RequestLimits.DEFAULTS);
    }

    public DecisionRequestReader(Validator validator, Clock clock, RequestLimits limits) {
        this.validator = validator;
        this.clock = clock;
        this.limits = limits;
        this.bounds = new StrictRecordReader.Bounds(Map.of(
                "policeIncidents", bound(limits.policeIncidents(), "police-incidents"),
                "dash.answers", bound(limits.dashAnswers(), "dash-answers"),
                "professionalJudgement.grounds", bound(limits.grounds(), "grounds"),
                "professionalJudgement.rationale", bound(limits.rationaleChars(), "rationale-length"),
                "currentIncident.types", bound(limits.incidentTypes(), "incident-types")));
    }

    private static StrictRecordReader.Bounds.Bound bound(int max, String name) {
        return new StrictRecordReader.Bounds.Bound(max, "referrals.limits." + name);
    }

    public RequestLimits limits() {
        return limits;
    }

    public DecisionRequestV1 read(byte[] body) {
        return read(body, 0, body.length);
    }

    /** The request in {@code body[offset, offset + length)}: JSON text, UTF-8. */
    public DecisionRequestV1 read(byte[] body, int offset, int length) {
        return read(JsonInput.read(body, offset, length));
    }

    public DecisionRequestV1 read(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        DecisionRequestV1 request = StrictRecordReader.read(tree, DecisionRequestV1.class, bounds, errors);
        if (request == null) {
            throw refused(errors, tree);
        }
        JsonNode asOf = tree.get("asOf");
        if (asOf == null) {
            request = request.withAsOf(LocalDate.now(clock.withZone(UK)));
        } else if (asOf.isNull()) {
            // Not taken as "today": a caller that sends null has lost its date, and the date chooses the rules.
            errors.add(new FieldError("asOf", "must be a date written YYYY-MM-DD, not null; leave asOf out to decide as of today"));
        }
        Set<String> alreadyWrong = new HashSet<>();
        errors.forEach(e -> alreadyWrong.add(e.field()));
        for (ConstraintViolation<DecisionRequestV1> violation : validator.validate(request)) {
            String field = fieldPath(violation.getPropertyPath());
            if (!alreadyWrong.contains(field)) {
                String message = violation.getMessage().equals("must not be null") ? "is required" : violation.getMessage();
                errors.add(new FieldError(field, message));
            }
        }
        List<FieldError> related = new ArrayList<>();
        crossFieldChecks(request, related);
        related.stream().filter(e -> !alreadyWrong.contains(e.field())).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw refused(errors, tree);
        }
        return request;
    }

    private InvalidRequestException refused(List<FieldError> errors, JsonNode tree) {
        DocumentOrder.sort(errors, tree);
        return new InvalidRequestException(errors, limits.errors());
    }

    /** Bean Validation's path as the contract writes it: {@code policeIncidents[2].date}, {@code dash.answers.threats_to_kill}. */
    static String fieldPath(Path propertyPath) {
        String path = "";
        for (Path.Node node : propertyPath) {
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    path = JsonPath.index(path, node.getIndex());
                } else if (node.getKey() != null) {
                    path = JsonPath.property(path, String.valueOf(node.getKey()));
                }
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                path = JsonPath.property(path, node.getName());
            }
        }
        return path.isEmpty() ? JsonPath.ROOT : path;
    }

    private void crossFieldChecks(DecisionRequestV1 r, List<FieldError> errors) {
        if (r.dash() != null && r.dash().answers() != null) {
            for (Map.Entry<String, ?> answer : r.dash().answers().entrySet()) {
                if (!QUESTION_IDS.contains(answer.getKey())) {
                    errors.add(new FieldError(JsonPath.property("dash.answers", answer.getKey()), "unknown DASH question id"));
                }
            }
        }
        DecisionRequestV1.Consent consent = r.consent();
        if (consent != null && Boolean.FALSE.equals(consent.victimAware()) && Boolean.TRUE.equals(consent.consentGiven())) {
            // A victim who does not know of the referral cannot have consented to it: contradictory facts are refused, not guessed.
            errors.add(new FieldError("consent.consentGiven", "cannot be true when victimAware is false: a victim not aware of the referral has not consented to it"));
            errors.add(new FieldError("consent.victimAware", "is false but consentGiven is true; correct whichever is wrong"));
        }
        DecisionRequestV1.ProfessionalJudgement pj = r.professionalJudgement();
        if (pj != null && Boolean.TRUE.equals(pj.concerned()) && (pj.rationale() == null || pj.rationale().isBlank())) {
            errors.add(new FieldError("professionalJudgement.rationale", "is required when concerned is true: state the professional-judgement concerns"));
        }
        LocalDate asOf = asOfInRange(r.asOf(), errors);
        if (r.policeIncidents() != null) {
            for (int i = 0; i < r.policeIncidents().size(); i++) {
                DecisionRequestV1.DatedIncident incident = r.policeIncidents().get(i);
                if (incident != null) {
                    eventDate(incident.date(), asOf, "policeIncidents[" + i + "].date", errors);
                }
            }
        }
        if (r.previousMaracReferral() != null) {
            eventDate(r.previousMaracReferral().date(), asOf, "previousMaracReferral.date", errors);
        }
        if (r.currentIncident() != null) {
            eventDate(r.currentIncident().date(), asOf, "currentIncident.date", errors);
        }
        eventDate(r.disclosureDate(), asOf, "disclosureDate", errors);
    }

    /** {@code asOf} if it is a date the service decides for, else null (and the error). */
    private LocalDate asOfInRange(LocalDate asOf, List<FieldError> errors) {
        if (asOf == null) {
            return null;
        }
        LocalDate latest = LocalDate.now(clock.withZone(UK)).plus(AS_OF_AHEAD);
        if (asOf.isBefore(EARLIEST_DATE)) {
            errors.add(new FieldError("asOf", "is before " + EARLIEST_DATE + "; no rules are in force then"));
            return null;
        }
        if (asOf.isAfter(latest)) {
            errors.add(new FieldError("asOf", "is after " + latest + ", a year from today; a decision is not made for a date so far ahead"));
            return null;
        }
        return asOf;
    }

    /** An event's date: not before {@link #EARLIEST_DATE}, not after {@code asOf} (when that is known good). */
    private static void eventDate(LocalDate date, LocalDate asOf, String field, List<FieldError> errors) {
        if (date == null) {
            return;
        }
        if (date.isBefore(EARLIEST_DATE)) {
            errors.add(new FieldError(field, "is before " + EARLIEST_DATE + "; check the year"));
        } else if (asOf != null && date.isAfter(asOf)) {
            errors.add(new FieldError(field, "is after asOf (" + asOf + "); a decision cannot rest on a future event"));
        }
    }
}
