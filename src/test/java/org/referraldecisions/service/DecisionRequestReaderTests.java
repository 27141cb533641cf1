package org.referraldecisions.service;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;

class DecisionRequestReaderTests {

    private final DecisionRequestReader reader = Fixtures.reader();

    private static final String VALID = """
            {"caseRef":"R-1","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31}}""";

    @Test
    void readsAValidRequest() {
        DecisionRequestV1 request = reader.read(bytes(VALID));
        assertThat(request.caseRef()).isEqualTo("R-1");
        assertThat(request.victim().age()).isEqualTo(30);
        assertThat(request.asOf()).isEqualTo(LocalDate.of(2026, 6, 15));
    }

    @Test
    void asOfDefaultsToTodayInTheUk() {
        DecisionRequestV1 request = reader.read(bytes(VALID.replace("\"asOf\":\"2026-06-15\",", "")));
        assertThat(request.asOf()).isEqualTo(LocalDate.now(Fixtures.CLOCK.withZone(DecisionRequestReader.UK)));
    }

    @Test
    void namesEveryOffendingFieldInOneResponse() {
        String body = """
                {"area":"cleveland","asOf":"2026-06-15","nickname":"x",
                 "victim":{"age":"30","relationship":"WIFE"},"perpetrator":{"age":-1},
                 "policeIncidents":[{"date":"2026-02-30"},{"date":"2026-07-01"}],
                 "dash":{"answers":{"threats_to_kill":"MAYBE","not_a_question":"YES"}},
                 "professionalJudgement":{"concerned":true},
                 "consent":{"victimAware":1,"consentGiven":true,"significantConcern":false}}""";
        assertThat(fields(body)).containsExactlyInAnyOrder(
                "caseRef", "nickname", "victim.age", "victim.relationship", "perpetrator.age",
                "policeIncidents[0].date", "policeIncidents[1].date", "dash.answers.threats_to_kill",
                "dash.answers.not_a_question", "professionalJudgement.rationale", "consent.victimAware");
    }

    @Test
    void refusesConsentFromAVictimNotAwareOfTheReferral() {
        String contradictory = VALID.replace("\"perpetrator\":{\"age\":31}",
                "\"perpetrator\":{\"age\":31},\"consent\":{\"victimAware\":false,\"consentGiven\":true,\"significantConcern\":false}");
        assertThat(fields(contradictory)).containsExactlyInAnyOrder("consent.consentGiven", "consent.victimAware");
        assertThat(reader.read(bytes(contradictory.replace("\"consentGiven\":true", "\"consentGiven\":false"))).consent().victimAware()).isFalse();
    }

    @Test
    void unknownOffenderFactsAreAccepted() {
        String unknowns = VALID.replace("\"perpetrator\":{\"age\":31}", "\"perpetrator\":{\"age\":31},"
                + "\"offender\":{\"registeredSexOffender\":null,\"mappaLevel\":null},\"mappaScreening\":{\"addsValue\":null}");
        DecisionRequestV1 request = reader.read(bytes(unknowns));
        assertThat(request.offender().registeredSexOffender()).isNull();
        assertThat(request.offender().mappaLevel()).isNull();
        assertThat(CaseFactsMapper.toFacts(request).offender().mappaLevel()).isNull();
    }

    @Test
    void refusesCoercion() {
        assertThat(fields(VALID.replace("\"age\":30", "\"age\":30.5"))).containsExactly("victim.age");
        assertThat(fields(VALID.replace("\"age\":30", "\"age\":true"))).containsExactly("victim.age");
        assertThat(fields(VALID.replace("\"R-1\"", "12"))).containsExactly("caseRef");
    }

    @Test
    void refusesImpossibleValues() {
        assertThat(fields(VALID.replace("\"age\":30", "\"age\":121"))).containsExactly("victim.age");
        assertThat(fields(VALID.replace("\"R-1\"", "\"has space\""))).containsExactly("caseRef");
        assertThat(fields(VALID.replace("\"2026-06-15\"", "\"15/06/2026\""))).containsExactly("asOf");
        assertThat(fields(VALID.replace("}}", "},\"offender\":{\"mappaLevel\":4}}"))).containsExactly("offender.mappaLevel");
    }

    @Test
    void refusesDatesAfterAsOf() {
        String body = VALID.replace("}}", "},\"previousMaracReferral\":{\"date\":\"2026-06-16\"},"
                + "\"currentIncident\":{\"date\":\"2026-06-16\",\"types\":[\"OTHER\"]}}");
        assertThat(fields(body)).containsExactlyInAnyOrder("previousMaracReferral.date", "currentIncident.date");
    }

    @Test
    void refusesDuplicateKeysAndMalformedJson() {
        assertThat(fields(VALID.replace("{\"caseRef\":\"R-1\",", "{\"caseRef\":\"R-1\",\"caseRef\":\"R-2\","))).containsExactly("caseRef");
        assertThat(fields("{\"caseRef\":")).containsExactly("caseRef");
        assertThat(fields("[]")).containsExactly("$");
        assertThat(fields("")).containsExactly("$");
    }

    @Test
    void namesBeanValidationFieldsByTheirContractPaths() {
        String body = VALID.replace("}}", "},\"policeIncidents\":[{\"date\":\"2026-01-01\"},null,{}],"
                + "\"dash\":{\"answers\":{\"threats_to_kill\":null}},\"currentIncident\":{\"date\":\"2026-01-01\",\"types\":[null]}}");
        assertThat(fields(body)).containsExactly("policeIncidents[1]", "policeIncidents[2].date", "dash.answers.threats_to_kill",
                "currentIncident.types[0]");
    }

    private List<String> fields(String body) {
        try {
            reader.read(bytes(body));
        } catch (InvalidRequestException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("expected the request to be refused: " + body);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRefusalSaysNothingWasDecided() {
        assertThatThrownBy(() -> reader.read(bytes("{}"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("caseRef");
    }
}
