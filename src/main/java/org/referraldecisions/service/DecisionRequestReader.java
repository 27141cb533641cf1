package org.referraldecisions.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.referraldecisions.decision.facts.DashQuestion;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a request body into a fully validated {@link DecisionRequestV1}, or an
 * {@link InvalidRequestException} naming every offending field. Three passes, all errors kept:
 * structure and types ({@link StrictRecordReader}), field constraints (Bean Validation), then the
 * checks that relate fields to each other (dates not after {@code asOf}, a rationale for a concern).
 * Used by the HTTP API, the command line and the golden cases alike.
 */
public final class DecisionRequestReader {

    /** Dates in the contract are UK dates: "today" means today in Europe/London. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    private static final Set<String> QUESTION_IDS = new HashSet<>();

    static {
        for (DashQuestion q : DashQuestion.values()) {
            QUESTION_IDS.add(q.id());
        }
    }

    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final Validator validator;
    private final Clock clock;

    public DecisionRequestReader(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    public DecisionRequestV1 read(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidRequestException(List.of(new FieldError("$", "not valid JSON" + where + ": " + e.getOriginalMessage())));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidRequestException(List.of(new FieldError("$", "the request body is empty")));
        }
        return read(tree);
    }

    public DecisionRequestV1 read(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        DecisionRequestV1 request = StrictRecordReader.read(tree, DecisionRequestV1.class, errors);
        if (request == null) {
            throw new InvalidRequestException(errors);
        }
        if (request.asOf() == null && !tree.has("asOf")) {
            request = request.withAsOf(LocalDate.now(clock.withZone(UK)));
        }
        Set<String> alreadyWrong = new HashSet<>();
        errors.forEach(e -> alreadyWrong.add(e.field()));
        for (ConstraintViolation<DecisionRequestV1> violation : validator.validate(request)) {
            String field = fieldPath(violation.getPropertyPath().toString());
            if (!alreadyWrong.contains(field)) {
                String message = violation.getMessage().equals("must not be null") ? "is required" : violation.getMessage();
                errors.add(new FieldError(field, message));
            }
        }
        crossFieldChecks(request, errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    /** Bean Validation writes {@code answers[threats_to_kill].<map value>}; the contract's paths read {@code answers.threats_to_kill}. */
    static String fieldPath(String propertyPath) {
        return propertyPath.replaceAll("\\.?<[^>]+>", "").replaceAll("\\[([^\\]]*[^0-9\\]][^\\]]*)]", ".$1");
    }

    private static void crossFieldChecks(DecisionRequestV1 r, List<FieldError> errors) {
        LocalDate asOf = r.asOf();
        if (r.dash() != null && r.dash().answers() != null) {
            for (Map.Entry<String, ?> answer : r.dash().answers().entrySet()) {
                if (!QUESTION_IDS.contains(answer.getKey())) {
                    errors.add(new FieldError("dash.answers." + answer.getKey(), "unknown DASH question id"));
                }
            }
        }
        DecisionRequestV1.Consent consent = r.consent();
        if (consent != null && Boolean.FALSE.equals(consent.victimAware()) && Boolean.TRUE.equals(consent.consentGiven())) {
            // A victim who does not know of the referral cannot have consented to it: contradictory facts are refused, not guessed.
            errors.add(new FieldError("consent.consentGiven", "cannot be true when victimAware is false: a victim not aware of the referral has not consented to it"));
            errors.add(new FieldError("consent.victimAware", "is false but consentGiven is true; correct whichever is wrong"));
        }
        if (asOf == null) {
            return;
        }
        if (r.policeIncidents() != null) {
            for (int i = 0; i < r.policeIncidents().size(); i++) {
                DecisionRequestV1.DatedIncident incident = r.policeIncidents().get(i);
                if (incident != null) {
                    notAfterAsOf(incident.date(), asOf, "policeIncidents[" + i + "].date", errors);
                }
            }
        }
        if (r.previousMaracReferral() != null) {
            notAfterAsOf(r.previousMaracReferral().date(), asOf, "previousMaracReferral.date", errors);
        }
        if (r.currentIncident() != null) {
            notAfterAsOf(r.currentIncident().date(), asOf, "currentIncident.date", errors);
        }
        DecisionRequestV1.ProfessionalJudgement pj = r.professionalJudgement();
        if (pj != null && Boolean.TRUE.equals(pj.concerned()) && (pj.rationale() == null || pj.rationale().isBlank())) {
            errors.add(new FieldError("professionalJudgement.rationale", "is required when concerned is true: state the professional-judgement concerns"));
        }
    }

    private static void notAfterAsOf(LocalDate date, LocalDate asOf, String field, List<FieldError> errors) {
        if (date != null && date.isAfter(asOf)) {
            errors.add(new FieldError(field, "is after asOf (" + asOf + "); a decision cannot rest on a future event"));
        }
    }
}
