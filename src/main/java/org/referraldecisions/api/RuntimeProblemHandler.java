package org.referraldecisions.api;

import org.referraldecisions.decision.RuleLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems of the running service rather than of the request, as {@code application/problem+json} with
 * stable codes: {@code rule_limit_exceeded} (500: the rule set was stopped at its rule limits, a defect in
 * the rule set), {@code reload_in_progress} (409) and {@code busy} (503 with {@code Retry-After}: too many
 * batches at once). Ordered before other advice, so none of theirs takes these over.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RuntimeProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(RuntimeProblemHandler.class);

    @ExceptionHandler(RuleLimitExceededException.class)
    ProblemDetail ruleLimitExceeded(RuleLimitExceededException e) {
        // The message names the rule set, the limit and the rules; never the request.
        log.error("decision not made: {}", e.getMessage());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "rule_limit_exceeded", "The rule set could not decide this case within its limits",
                "rule set " + e.ruleset() + " was stopped at " + e.limit() + "; nothing was decided or recorded");
    }

    @ExceptionHandler(ReloadRunner.ReloadInProgressException.class)
    ProblemDetail reloadInProgress(ReloadRunner.ReloadInProgressException e) {
        return problem(HttpStatus.CONFLICT, "reload_in_progress", "A reload is already running", e.getMessage());
    }

    @ExceptionHandler(BatchController.BatchesBusyException.class)
    ResponseEntity<ProblemDetail> batchesBusy(BatchController.BatchesBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too many batches at once", e.getMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        return Problems.problem(status, code, title, detail);
    }
}
