package org.referraldecisions.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's: errors raised outside the
 * controllers' exception handlers (a URL the firewall refuses, an exception in a filter, a defect no handler
 * knows) come back as problem+json with {@code type} and {@code code} like every other; a defect as
 * {@code internal_error} without its detail (the container has logged it with its stack trace). Asked for
 * directly, {@code /error} is not an endpoint: 404.
 */
@Hidden // the container's error page, not an endpoint of the API
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer s && s >= 400 && s <= 599 ? s : 404;
        ProblemDetail problem = Problems.problem(HttpStatusCode.valueOf(status), Problems.codeFor(status), Problems.titleFor(status),
                detail(status));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be read: its URL, headers or body are malformed or not allowed";
            case 404 -> "there is no endpoint at this path; see /v3/api-docs";
            case 405 -> "this endpoint does not take this method";
            case 413 -> "the request is too large";
            case 414 -> "the URL is too long";
            case 431 -> "the request headers are too large";
            default -> status >= 500 ? "the service failed to answer this request; it has been logged" : Problems.titleFor(status);
        };
    }
}
