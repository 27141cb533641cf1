package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.referraldecisions.fuzz.HttpFuzz;
import org.referraldecisions.fuzz.RequestGenerator;

/**
 * The fuzz suite through HTTP (the whole stack: filters, limits, the problem handler), on the shared hardened
 * service: the same seeded requests as the CI fuzz run, fewer of them. The check is {@link HttpFuzz#check}.
 */
class HttpFuzzIntegrationTests extends HardenedServiceTest {

    @Test
    void seededRequestsDecideOrNameTheirField() throws Exception {
        int failures = 0;
        StringBuilder shown = new StringBuilder();
        for (long seed = 7_000; seed < 7_400; seed++) {
            RequestGenerator.Sample sample = seed % 2 == 0 ? RequestGenerator.valid(seed) : RequestGenerator.invalid(seed);
            HttpResponse<String> response = post("/v1/decisions", "application/json", sample.body());
            String problem = HttpFuzz.check(sample, response.statusCode(), response.body());
            if (problem != null && failures++ < 5) {
                shown.append(seed).append(": ").append(problem).append("\n  ").append(sample.text()).append("\n  ").append(response.body()).append('\n');
            }
        }
        assertThat(failures).as(shown.toString()).isZero();
    }

    @Test
    void theCheckCatchesWhatItMustCatch() {
        RequestGenerator.Sample valid = RequestGenerator.valid(1);
        RequestGenerator.Sample invalid = RequestGenerator.invalid(2, RequestGenerator.Mutation.NULL_REQUIRED);
        RequestGenerator.Sample truncated = RequestGenerator.invalid(3, RequestGenerator.Mutation.TRUNCATED);
        assertThat(HttpFuzz.check(valid, 200, "{\"decisionId\":\"d-1\"}")).isNull();
        assertThat(HttpFuzz.check(valid, 500, "{}")).startsWith("5xx");
        assertThat(HttpFuzz.check(valid, 400, "{}")).startsWith("valid request not decided");
        assertThat(HttpFuzz.check(invalid, 503, "{}")).startsWith("5xx");
        assertThat(HttpFuzz.check(invalid, 400, "{\"code\":\"invalid_request\"}")).startsWith("unnamed");
        assertThat(HttpFuzz.check(invalid, 400, "{\"errors\":[]}")).startsWith("unnamed");
        assertThat(HttpFuzz.check(invalid, 400, "{\"errors\":[{\"field\":\"$\",\"message\":\"x\"}]}")).startsWith("unnamed");
        assertThat(HttpFuzz.check(invalid, 400, "{\"errors\":[{\"field\":\"\",\"message\":\"x\"}]}")).startsWith("unnamed");
        assertThat(HttpFuzz.check(invalid, 400, "{\"errors\":[{\"field\":\"" + invalid.field() + "\",\"message\":\"x\"}]}")).isNull();
        assertThat(HttpFuzz.check(truncated, 400, "{\"errors\":[{\"field\":\"$\",\"message\":\"ends early\"}]}")).isNull();
        assertThat(HttpFuzz.check(truncated, 200, "{}")).contains("answered 200");
    }
}
