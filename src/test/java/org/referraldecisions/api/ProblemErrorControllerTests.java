package org.referraldecisions.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** The container's error page: a defect is a 500 problem that tells nothing of it; /error itself is not an endpoint. */
class ProblemErrorControllerTests {

    private final ProblemErrorController errors = new ProblemErrorController();

    @Test
    void aDefectIsAnInternalErrorProblemWithoutItsDetail() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new NullPointerException("Cannot invoke \"java.time.LocalDate.toEpochDay()\""));
        ResponseEntity<ProblemDetail> response = errors.error(request);
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().getProperties()).containsEntry("code", "internal_error");
        assertThat(response.getBody().getType().toString()).isEqualTo("urn:referral-decisions:problem:internal_error");
        assertThat(response.getBody().getDetail()).doesNotContain("java", "Null", "toEpochDay");
    }

    @Test
    void errorAskedForDirectlyIsNotFound() {
        ResponseEntity<ProblemDetail> response = errors.error(new MockHttpServletRequest("GET", "/error"));
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody().getProperties()).containsEntry("code", "not_found");
    }
}
