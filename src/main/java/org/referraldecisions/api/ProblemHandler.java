package org.referraldecisions.api;

import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;
import org.referraldecisions.service.RequestTooLargeException;

import java.util.List;

import org.referraldecisions.decision.RuleConflictException;
import org.referraldecisions.ruleset.UnknownRulesetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as {@code application/problem+json} (RFC 9457) with {@code type} and a stable {@code code}
 * clients can depend on: {@code invalid_request} (400, with {@code errors}: every offending field, first
 * in the document first, at most {@code referrals.limits.errors} of them and {@code errorsNotShown} for the
 * rest), {@code request_too_large} (413, naming the {@code limit} and its {@code maximum}),
 * {@code unknown_ruleset} (404) and {@code evaluation_error} (500, a defect in a rule set). Spring's own
 * errors (wrong media type or method, unknown path) keep their status and get a code from it. Messages are
 * the service's own: no class, library or feature names. An exception nothing here handles is a defect of
 * the service: it goes on to the container, which logs it, and {@link ProblemErrorController} answers
 * {@code internal_error} (500) without its detail. (No catch-all handler here, so that another advice's
 * handlers are never shadowed by it.)
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        int total = e.errors().size() + e.notShown();
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, "Invalid request",
                total + " field(s) are invalid" + (e.notShown() > 0 ? ", the first " + e.errors().size() + " listed" : "")
                        + "; nothing was decided");
        problem.setProperty("errors", e.errors());
        if (e.notShown() > 0) {
            problem.setProperty("errorsNotShown", e.notShown());
        }
        return problem;
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONTENT_TOO_LARGE, Problems.REQUEST_TOO_LARGE, "Request too large", e.getMessage());
        problem.setProperty("limit", e.limit());
        problem.setProperty("maximum", e.maximum());
        return problem;
    }

    @ExceptionHandler(UnknownRulesetException.class)
    ProblemDetail unknownRuleset(UnknownRulesetException e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "unknown_ruleset", "Unknown rule set", e.getMessage());
    }

    @ExceptionHandler(RuleConflictException.class)
    ProblemDetail ruleConflict(RuleConflictException e) {
        log.error("rule set defect: {}", e.getMessage());
        return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation_error", "The rule set could not decide this case",
                e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return invalid(e, new FieldError(e.getParameterName(), "is a required query parameter"), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "$" : e.getPropertyName();
        return invalid(e, new FieldError(name, "is not a valid value here"), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return invalid(e, new FieldError("$", "could not be read as this endpoint's request body"), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status,
                                                                    WebRequest request) {
        ProblemDetail problem = Problems.problem(status, Problems.codeFor(status.value()), "Not Found",
                "there is no endpoint at this path; see /v3/api-docs");
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> invalid(Exception e, FieldError error, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.problem(status, Problems.INVALID_REQUEST, "Invalid request", "1 field(s) are invalid; nothing was done");
        problem.setProperty("errors", List.of(error));
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Every problem Spring makes for its own exceptions gets the API's {@code type} and {@code code}. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p
                : e instanceof ErrorResponse response ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
                : ProblemDetail.forStatus(status);
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            Problems.typed(problem, Problems.codeFor(status.value()));
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }
}
