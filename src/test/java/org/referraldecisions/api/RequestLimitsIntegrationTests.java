package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Memory exhaustion and error amplification by one caller: bodies, lists and error replies are bounded,
 * refusals name the limit, and nothing of a refused request is stored. (Limits here are the small ones of
 * {@link HardenedServiceTest}.)
 */
class RequestLimitsIntegrationTests extends HardenedServiceTest {

    @Test
    void aBodyOverTheRequestSizeIs413NamingTheLimitAndNothingIsStored() throws Exception {
        String big = aCase("LIM-1").replace("\"perpetrator\"", "\"padding\":\"" + "x".repeat(9000) + "\",\"perpetrator\"");
        for (HttpResponse<String> response : new HttpResponse[] {post("/v1/decisions", big),
                postChunked("/v1/decisions", "application/json", big.getBytes(StandardCharsets.UTF_8))}) {
            JsonNode problem = problem(413, "request_too_large", response);
            assertThat(problem.path("limit").asString()).isEqualTo("referrals.limits.request-size");
            assertThat(problem.path("maximum").asLong()).isEqualTo(8192);
        }
        assertThat(logged("LIM-1")).isEmpty();
    }

    @Test
    void aListOverItsLimitIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String incidents = IntStream.range(0, 51).mapToObj(i -> "{\"date\":\"2025-01-01\"}").collect(Collectors.joining(","));
        String many = aCase("LIM-2").replace("[{\"date\":\"2025-03-15\"},{\"date\":\"2026-01-10\"},{\"date\":\"2026-03-02\"}]", "[" + incidents + "]");
        JsonNode problem = problem(400, "invalid_request", post("/v1/decisions", many));
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("policeIncidents");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("51 entries", "at most 50", "referrals.limits.police-incidents");
        assertThat(logged("LIM-2")).isEmpty();
    }

    @Test
    void anErrorReplyListsTheFirstErrorsAndCountsTheRest() throws Exception {
        String unknown = IntStream.range(0, 600).mapToObj(i -> "\"f" + i + "\":1").collect(Collectors.joining(","));
        String body = aCase("LIM-3").replace("{\"caseRef\"", "{" + unknown + ",\"caseRef\"");
        HttpResponse<String> response = post("/v1/decisions", body);
        JsonNode problem = problem(400, "invalid_request", response);
        assertThat(problem.path("errors").size()).isEqualTo(10);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("f0");
        assertThat(problem.path("errorsNotShown").asInt()).isEqualTo(590);
        assertThat(problem.path("detail").asString()).contains("600 field(s)", "first 10");
        assertThat(response.body().length()).isLessThan(body.length());
    }

    @Test
    void aBatchDeclaringMoreThanTheBatchSizeIs413BeforeAnythingIsDecided() throws Exception {
        String item = aCase("LIM-4").replace("\n", "");
        String batch = "[" + IntStream.range(0, 250).mapToObj(i -> item).collect(Collectors.joining(",")) + "]";
        JsonNode problem = problem(413, "request_too_large", post("/v1/decisions/batch", batch));
        assertThat(problem.path("limit").asString()).isEqualTo("referrals.limits.batch-size");
        assertThat(logged("LIM-4")).isEmpty();
    }

    @Test
    void aBatchSentWithoutALengthOverTheBatchSizeIs413BeforeAnythingIsDecided() throws Exception {
        // A batch is read whole before anything is decided (README "Operating limits"), so a body without a
        // declared length is refused as a whole too, once it has passed the limit.
        String line = aCase("LIM-5").replace("\n", "");
        String ndjson = IntStream.range(0, 250).mapToObj(i -> line).collect(Collectors.joining("\n")) + "\n";
        JsonNode problem = problem(413, "request_too_large",
                postChunked("/v1/decisions/batch", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8)));
        assertThat(problem.path("limit").asString()).isEqualTo("referrals.limits.batch-size");
        assertThat(logged("LIM-5")).isEmpty();
    }

    @Test
    void aBatchItemOverTheRequestSizeIsRefusedAloneAndTheNextIsDecided() throws Exception {
        String big = aCase("LIM-6").replace("\n", "").replace("\"perpetrator\"", "\"padding\":\"" + "x".repeat(9000) + "\",\"perpetrator\"");
        String ndjson = big + "\n" + aCase("LIM-7").replace("\n", "") + "\n";
        JsonNode results = JSON.readTree(post("/v1/decisions/batch", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8)).body()).path("results");
        assertThat(results.get(0).path("status").asInt()).isEqualTo(413);
        assertThat(results.get(0).path("line").asInt()).isEqualTo(1);
        assertThat(results.get(1).path("status").asInt()).isEqualTo(200);
        String array = "[" + big + "," + aCase("LIM-7").replace("\n", "") + "]";
        JsonNode arrayResults = JSON.readTree(post("/v1/decisions/batch", array).body()).path("results");
        assertThat(arrayResults.get(0).path("status").asInt()).isEqualTo(413);
        assertThat(arrayResults.get(1).path("status").asInt()).isEqualTo(200);
        assertThat(logged("LIM-6")).isEmpty();
    }
}
