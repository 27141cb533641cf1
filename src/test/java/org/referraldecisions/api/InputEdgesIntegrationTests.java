package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every input edge is a 400 naming its field; every batch item stands alone. */
class InputEdgesIntegrationTests extends HardenedServiceTest {

    @Test
    void asOfNullIsA400NamingAsOfNotA500() throws Exception {
        JsonNode problem = problem(400, "invalid_request", post("/v1/decisions", aCase("EDGE-1").replace("\"2026-03-15\"", "null")));
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("asOf");
        assertThat(logged("EDGE-1")).isEmpty();
    }

    @Test
    void aBatchItemWithAsOfNullIsRefusedAloneAndEveryOtherIsDecidedAndDelivered() throws Exception {
        String batch = "[" + aCase("EDGE-2") + "," + aCase("EDGE-2").replace("\"2026-03-15\"", "null") + "," + aCase("EDGE-2") + "]";
        HttpResponse<String> response = post("/v1/decisions/batch", batch);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.findValues("status")).extracting(JsonNode::asInt).containsExactly(200, 400, 200);
        assertThat(results.get(1).path("code").asString()).isEqualTo("invalid_request");
        assertThat(results.get(1).path("errors").findValuesAsString("field")).containsExactly("asOf");
        assertThat(logged("EDGE-2").size()).isEqualTo(2);
    }

    @Test
    void datesOutsideTheSaneRangeAreRefused() throws Exception {
        JsonNode far = problem(400, "invalid_request", post("/v1/decisions", aCase("EDGE-3").replace("2026-03-15", "9999-12-31")));
        assertThat(far.path("errors").findValuesAsString("field")).containsExactly("asOf");
        JsonNode old = problem(400, "invalid_request", post("/v1/decisions", aCase("EDGE-3").replace("2025-03-15", "1066-10-14")));
        assertThat(old.path("errors").findValuesAsString("field")).containsExactly("policeIncidents[0].date");
        assertThat(logged("EDGE-3")).isEmpty();
    }

    @Test
    void overlongUtf8IsRefusedAtItsFieldAndNotStored() throws Exception {
        String template = aCase("EDGE-4").replace("\"perpetrator\"",
                "\"professionalJudgement\":{\"concerned\":true,\"rationale\":\"see #etc\"},\"perpetrator\"");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = template.indexOf('#');
        body.writeBytes(template.substring(0, at).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        body.writeBytes(template.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        JsonNode problem = problem(400, "invalid_request", post("/v1/decisions", "application/json", body.toByteArray()));
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("professionalJudgement.rationale");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("not valid UTF-8");
        assertThat(logged("EDGE-4")).isEmpty();
    }

    @Test
    void trailingContentIsRefusedForARequestAndReportedForABatchArray() throws Exception {
        JsonNode single = problem(400, "invalid_request", post("/v1/decisions", aCase("EDGE-5") + " xx"));
        assertThat(single.path("errors").get(0).path("message").asString()).contains("more after the end of the request");
        JsonNode results = JSON.readTree(post("/v1/decisions/batch", "[" + aCase("EDGE-5") + "] garbage").body()).path("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.get(1).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).path("errors").get(0).path("message").asString()).contains("more after the end of the batch array");
    }

    @Test
    void anEmptyBodyGetsAnErrorsList() throws Exception {
        for (String empty : new String[] {"", "  \n"}) {
            JsonNode problem = problem(400, "invalid_request", post("/v1/decisions", empty));
            assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("$");
            assertThat(problem.path("errors").get(0).path("message").asString()).startsWith("is empty");
        }
    }

    @Test
    void aBrokenNdjsonLineIsAnItemErrorWithItsLineAndLaterLinesAreDecided() throws Exception {
        String line = aCase("EDGE-6").replace("\n", "");
        String ndjson = line + "\n{\"caseRef\":\"EDGE-6\",\"area\":\n\n" + line + "\n" + line.replace("\"victim\":{", "\"victim\":{\"age\":3x,") + "\n" + line + "\n";
        JsonNode results = JSON.readTree(post("/v1/decisions/batch", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8)).body()).path("results");
        assertThat(results.findValues("status")).extracting(JsonNode::asInt).containsExactly(200, 400, 200, 400, 200);
        assertThat(results.findValues("line")).extracting(JsonNode::asInt).containsExactly(1, 2, 4, 5, 6);
        assertThat(results.get(1).path("errors").findValuesAsString("field")).containsExactly("area");
        assertThat(results.get(3).path("errors").findValuesAsString("field")).containsExactly("victim.age");
        assertThat(logged("EDGE-6").size()).isEqualTo(3);
    }

    @Test
    void errorsComeInDocumentOrderWithIndexesAsNumbers() throws Exception {
        String incidents = IntStream.range(0, 12).mapToObj(i -> "{\"date\":\"2026-02-30\"}").collect(Collectors.joining(","));
        String body = aCase("EDGE-7").replace("[{\"date\":\"2025-03-15\"},{\"date\":\"2026-01-10\"},{\"date\":\"2026-03-02\"}]", "[" + incidents + "]")
                .replace("\"area\":\"cleveland\"", "\"area\":\"Cleveland\"");
        JsonNode problem = problem(400, "invalid_request", post("/v1/decisions", body));
        assertThat(problem.path("errors").findValuesAsString("field")).startsWith("area", "policeIncidents[0].date", "policeIncidents[1].date",
                "policeIncidents[2].date", "policeIncidents[3].date");
        assertThat(problem.path("errors").get(9).path("field").asString()).isEqualTo("policeIncidents[8].date");
        assertThat(problem.path("errorsNotShown").asInt()).isEqualTo(3);
    }
}
