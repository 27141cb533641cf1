package org.referraldecisions.api;

import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;

import java.net.URI;
import java.util.List;

import org.referraldecisions.decision.RuleConflictException;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} (RFC 9457) with a stable {@code code} clients can
 * depend on: {@code invalid_request} (400, with {@code errors}: every offending field),
 * {@code unknown_ruleset} (404) and {@code evaluation_error} (500, a defect in a rule set).
 * Spring's own errors (wrong media type, unreadable body, unknown path) keep their status.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid_request", "Invalid request",
                e.errors().size() + " field(s) are invalid; nothing was decided");
        List<FieldError> errors = e.errors();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(UnknownRulesetException.class)
    ProblemDetail unknownRuleset(UnknownRulesetException e) {
        return problem(HttpStatus.NOT_FOUND, "unknown_ruleset", "Unknown rule set", e.getMessage());
    }

    @ExceptionHandler(RuleConflictException.class)
    ProblemDetail ruleConflict(RuleConflictException e) {
        log.error("rule set defect: {}", e.getMessage());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation_error", "The rule set could not decide this case",
                e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:referral-decisions:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
