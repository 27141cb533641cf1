package org.referraldecisions.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;

/** The edges of a request: null, dates far off, broken encodings and JSON, sizes; each a 400 naming the field. */
class RequestEdgesTests {

    private static final String VALID = """
            {"caseRef":"R-1","area":"cleveland","asOf":"2026-06-15",
             "victim":{"age":30,"relationship":"CURRENT_PARTNER"},"perpetrator":{"age":31}}""";

    private final DecisionRequestReader reader = Fixtures.reader();

    @Test
    void asOfNullIsRefusedNamingIt() {
        InvalidRequestException e = refused(VALID.replace("\"2026-06-15\"", "null"));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("asOf");
        assertThat(e.errors().get(0).message()).contains("leave asOf out");
        assertThat(reader.read(bytes(VALID.replace("\"asOf\":\"2026-06-15\",", ""))).asOf()).isEqualTo(LocalDate.of(2026, 6, 15));
    }

    @Test
    void datesOutsideTheSaneRangeAreRefused() {
        assertThat(fields(VALID.replace("2026-06-15", "9999-12-31"))).containsExactly("asOf");
        assertThat(fields(VALID.replace("2026-06-15", "2027-06-16"))).containsExactly("asOf");
        assertThat(reader.read(bytes(VALID.replace("2026-06-15", "2027-06-15"))).asOf()).isEqualTo(LocalDate.of(2027, 6, 15));
        assertThat(fields(VALID.replace("2026-06-15", "1899-12-31"))).containsExactly("asOf");
        assertThat(fields(VALID.replace("2026-06-15", "0000-01-01"))).containsExactly("asOf");
        String old = VALID.replace("}}", "},\"policeIncidents\":[{\"date\":\"1900-01-01\"},{\"date\":\"1899-12-31\"}],"
                + "\"previousMaracReferral\":{\"date\":\"0001-01-01\"}}");
        assertThat(fields(old)).containsExactly("policeIncidents[1].date", "previousMaracReferral.date");
    }

    @Test
    void overlongAndInvalidUtf8IsRefusedAtItsField() {
        String template = VALID.replace("}}", "},\"professionalJudgement\":{\"concerned\":false,\"rationale\":\"a#b\"}}");
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            InvalidRequestException e = refused(splice(template, bad));
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("professionalJudgement.rationale");
            assertThat(e.errors().get(0).message()).contains("not valid UTF-8");
        }
        InvalidRequestException inName = refused(splice(VALID.replace("\"victim\":{", "\"victim\":{\"n#\":1,"), new byte[] {(byte) 0xC0, (byte) 0xAF}));
        assertThat(inName.errors()).extracting(FieldError::field).containsExactly("victim");
        assertThat(inName.errors().get(0).message()).contains("field name");
        // A real two-byte character and a byte order mark are fine.
        assertThat(reader.read(bytes("\uFEFF" + template.replace("a#b", "caf\u00e9"))).professionalJudgement().rationale()).isEqualTo("caf\u00e9");
    }

    @Test
    void anUnpairedSurrogateEscapeIsRefused() {
        String body = VALID.replace("}}", "},\"professionalJudgement\":{\"concerned\":false,\"rationale\":\"x\\ud800y\"}}");
        assertThat(fields(body)).containsExactly("professionalJudgement.rationale");
        String pair = VALID.replace("}}", "},\"professionalJudgement\":{\"concerned\":false,\"rationale\":\"\\ud83d\\ude00\"}}");
        assertThat(reader.read(bytes(pair)).professionalJudgement().rationale()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void trailingContentAndEmptyBodiesAreRefused() {
        for (String body : List.of(VALID + " x", VALID + "{}", VALID + "]", VALID + " 1", VALID + "\n" + VALID)) {
            InvalidRequestException e = refused(body);
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("$");
            assertThat(e.errors().get(0).message()).contains("more after the end");
        }
        assertThat(reader.read(bytes(VALID + " \n\t "))).isNotNull();
        for (String empty : List.of("", "  \n ")) {
            assertThat(refused(empty).errors()).extracting(FieldError::message).allMatch(m -> m.startsWith("is empty"));
        }
    }

    @Test
    void syntaxErrorsNameTheFieldAndNoInternals() {
        assertThat(fields(VALID.replace("\"age\":30", "\"age\":3x"))).containsExactly("victim.age");
        assertThat(fields(VALID.replace("\"age\":30", "\"age\":NaN"))).containsExactly("victim.age");
        assertThat(fields(VALID.replace("\"age\":30", "\"age\":/*c*/30"))).containsExactly("victim.age");
        assertThat(fields(VALID.replace("\"R-1\"", "'R-1'"))).containsExactly("caseRef");
        List<String> broken = List.of("{", "}", "[", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}", "{\"a\":1,}", "{\"a\":01}",
                "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":\"x\ny\"}", "{\"a\":\"\\q\"}", "{\"a\":1 /* c */}",
                "{\"a\":1}}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\" 1}", "\u0000", "{\"a\":-}", "{\"a\":1e}",
                "{\"a\":" + "9".repeat(2000) + "}", "{\"" + "n".repeat(300) + "\":1}", "[".repeat(40) + "]".repeat(40),
                "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}");
        for (String body : broken) {
            InvalidRequestException e = refused(body);
            assertThat(e.errors()).as(body).hasSize(1);
            String message = e.errors().get(0).message();
            assertThat(message).as(body).doesNotContainIgnoringCase("jackson").doesNotContain("`", "Feature", "Exception", "Source",
                    "StreamRead", "JsonNode", "JsonToken", "code ", "REDACTED", "tools.");
        }
    }

    @Test
    void errorsComeInDocumentOrderWithIndexesAsNumbers() {
        String incidents = IntStream.range(0, 12).mapToObj(i -> "{\"date\":\"2026-13-01\"}").collect(Collectors.joining(","));
        String body = "{\"zeta\":1,\"policeIncidents\":[" + incidents + "],\"victim\":{\"relationship\":\"X\",\"age\":\"1\"},\"alpha\":2,"
                + "\"area\":\"cleveland\",\"asOf\":\"2026-06-15\",\"perpetrator\":{\"age\":1}}";
        List<String> fields = fields(body);
        assertThat(fields.subList(0, 4)).containsExactly("zeta", "policeIncidents[0].date", "policeIncidents[1].date", "policeIncidents[2].date");
        assertThat(fields.indexOf("policeIncidents[2].date")).isLessThan(fields.indexOf("policeIncidents[10].date"));
        assertThat(fields.subList(13, fields.size())).containsExactly("victim.relationship", "victim.age", "alpha", "caseRef");
    }

    @Test
    void theReadmeExampleListsItsErrorsInThisOrder() {
        String readme = "{\"area\":\"cleveland\",\"victim\":{\"age\":\"34\",\"relationship\":\"EX_PARTNER\"},\"perpetrator\":{\"age\":36},\"victimName\":\"x\"}";
        assertThat(fields(readme)).containsExactly("victim.age", "victimName", "caseRef");
    }

    @Test
    void oddFieldNamesAreQuotedInThePath() {
        assertThat(fields(VALID.replace("\"victim\":{", "\"victim\":{\"home address\":\"x\",\"a.b\":1,"))).containsExactly(
                "victim[\"home address\"]", "victim[\"a.b\"]");
        assertThat(JsonPath.steps("victim[\"a.b\"].c[12]")).containsExactly("victim", "a.b", "c", 12);
        assertThat(JsonPath.steps("dash.answers.threats_to_kill")).containsExactly("dash", "answers", "threats_to_kill");
    }

    @Test
    void listsAndTextOverTheirLimitsAreRefusedWithoutReadingThem() {
        DecisionRequestReader small = new DecisionRequestReader(Fixtures.validator(), Fixtures.CLOCK, new RequestLimits(4096, 8192, 3, 2, 2, 2, 10, 100));
        String body = VALID.replace("}}", "},\"policeIncidents\":[{\"date\":\"x\"},{},{},{}],"
                + "\"dash\":{\"answers\":{\"a\":\"YES\",\"b\":\"NO\",\"c\":\"NO\"}},"
                + "\"professionalJudgement\":{\"concerned\":true,\"grounds\":[\"OTHER\",\"OTHER\",\"OTHER\"],\"rationale\":\"12345678901\"},"
                + "\"currentIncident\":{\"date\":\"2026-01-01\",\"types\":[\"OTHER\",\"OTHER\",\"OTHER\"]}}");
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> small.read(bytes(body)));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("policeIncidents", "dash.answers",
                "professionalJudgement.grounds", "professionalJudgement.rationale", "currentIncident.types");
        assertThat(e.errors().get(0).message()).isEqualTo("has 4 entries; at most 3 are accepted (referrals.limits.police-incidents)");
        assertThat(e.errors().get(3).message()).contains("11 characters", "at most 10", "referrals.limits.rationale-length");
        assertThat(small.read(bytes(body.replace(",{},{},{}", "").replace("{\"date\":\"x\"}", "{\"date\":\"2026-01-01\"}")
                .replace(",\"c\":\"NO\"", "").replace("\"a\":\"YES\",\"b\":\"NO\"", "\"very_frightened\":\"YES\"")
                .replace(",\"OTHER\",\"OTHER\"]", "]").replace("12345678901", "1234567890"))).policeIncidents()).hasSize(1);
    }

    @Test
    void aRefusalListsTheFirstErrorsAndCountsTheRest() {
        DecisionRequestReader capped = new DecisionRequestReader(Fixtures.validator(), Fixtures.CLOCK, new RequestLimits(1 << 20, 1 << 20, 1000, 64, 20, 20, 4000, 5));
        String unknown = IntStream.range(0, 300).mapToObj(i -> "\"f" + i + "\":1").collect(Collectors.joining(","));
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> capped.read(bytes(VALID.replace("{\"caseRef\"", "{" + unknown + ",\"caseRef\""))));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("f0", "f1", "f2", "f3", "f4");
        assertThat(e.notShown()).isEqualTo(295);
    }

    private InvalidRequestException refused(String body) {
        return refused(bytes(body));
    }

    private InvalidRequestException refused(byte[] body) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> reader.read(body));
        assertThat(e).as("refused: " + new String(body, StandardCharsets.UTF_8)).isNotNull();
        return e;
    }

    private List<String> fields(String body) {
        return refused(body).errors().stream().map(FieldError::field).toList();
    }

    /** {@code template} with {@code bad} bytes where its '#' is. */
    static byte[] splice(String template, byte[] bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = template.indexOf('#');
        out.writeBytes(bytes(template.substring(0, at)));
        out.writeBytes(bad);
        out.writeBytes(bytes(template.substring(at + 1)));
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
